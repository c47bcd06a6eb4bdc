// UDP over IPv4 loopback (127.0.0.1): async_send_to, then async_receive_from reports the payload
// and the sender's own local endpoint, on every backend; the sync forms agree.

#include "backend_test.hpp"
#include "udp_exchange.hpp"

namespace udp_send_to_receive_from_v4_test {

using UdpSendToReceiveFromV4 = ringport::test::backend_test;

TEST_P(UdpSendToReceiveFromV4, SenderEndpointAndPayloadArrive) {
  ringport::test::udp_exchange::check_send_to_receive_from(ctx(), "127.0.0.1");
}

RINGPORT_INSTANTIATE_BACKENDS(UdpSendToReceiveFromV4);

}  // namespace udp_send_to_receive_from_v4_test
