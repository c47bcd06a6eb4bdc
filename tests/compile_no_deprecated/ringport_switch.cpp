// Deprecated names switched off by ringport's own macro.
#define RINGPORT_NO_DEPRECATED 1
#include "hidden_names.hpp"

int main() {
  return ringport::io_service + ringport::buffer_cast;
}
