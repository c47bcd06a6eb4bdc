// Benchmark echo server on libuv, as libuv programs are written: uv_read_start with a
// per-connection 16 KiB buffer; on data, stop reading, uv_write what came, and read again
// when the write completes (the same read -> write -> read discipline as the other servers).
// Usage: bench_echo_uv [port]  (0 or none: ephemeral). Prints "listening on <port>".
#include <uv.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace bench_uv {

struct connection {
  uv_tcp_t handle;
  uv_write_t write_req;
  char data[16384];
};

void on_close(uv_handle_t* h) {
  delete static_cast<connection*>(h->data);
}

void on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf) {
  auto* c = static_cast<connection*>(h->data);
  *buf = uv_buf_init(c->data, sizeof c->data);
}

void on_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf);

void on_write(uv_write_t* req, int status) {
  auto* c = static_cast<connection*>(req->data);
  if (status < 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&c->handle), on_close);
    return;
  }
  uv_read_start(reinterpret_cast<uv_stream_t*>(&c->handle), on_alloc, on_read);
}

void on_read(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) {
  auto* c = static_cast<connection*>(s->data);
  if (n < 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&c->handle), on_close);
    return;
  }
  if (n == 0) return;
  uv_read_stop(s);
  uv_buf_t out = uv_buf_init(buf->base, static_cast<unsigned>(n));
  c->write_req.data = c;
  if (uv_write(&c->write_req, s, &out, 1, on_write) != 0)
    uv_close(reinterpret_cast<uv_handle_t*>(&c->handle), on_close);
}

void on_connection(uv_stream_t* server, int status) {
  if (status < 0) return;
  auto* c = new connection;
  uv_tcp_init(server->loop, &c->handle);
  c->handle.data = c;
  if (uv_accept(server, reinterpret_cast<uv_stream_t*>(&c->handle)) != 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&c->handle), on_close);
    return;
  }
  uv_tcp_nodelay(&c->handle, 1);
  uv_read_start(reinterpret_cast<uv_stream_t*>(&c->handle), on_alloc, on_read);
}

}  // namespace bench_uv

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  uv_loop_t* loop = uv_default_loop();
  uv_tcp_t server;
  uv_tcp_init(loop, &server);
  sockaddr_in addr{};
  uv_ip4_addr("127.0.0.1", argc > 1 ? std::atoi(argv[1]) : 0, &addr);
  if (uv_tcp_bind(&server, reinterpret_cast<const sockaddr*>(&addr), 0) != 0 ||
      uv_listen(reinterpret_cast<uv_stream_t*>(&server), 4096, bench_uv::on_connection) != 0) {
    std::fprintf(stderr, "bench_echo_uv: cannot listen\n");
    return 1;
  }
  sockaddr_in bound{};
  int len = sizeof bound;
  uv_tcp_getsockname(&server, reinterpret_cast<sockaddr*>(&bound), &len);
  std::printf("listening on %u\n", static_cast<unsigned>(ntohs(bound.sin_port)));
  std::fflush(stdout);
  std::fprintf(stderr, "backend: libuv %s (epoll)\n", uv_version_string());
  return uv_run(loop, UV_RUN_DEFAULT);
}
