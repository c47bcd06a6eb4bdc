// ip::resolver_query_base: the base of resolver queries, carrying resolver_base's flags.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/ip/resolver_base.hpp"

namespace ringport::ip {

/// The base of basic_resolver_query: resolver_base's flags (Asio's ip::resolver_query_base).
class resolver_query_base : public resolver_base {
 protected:
  ~resolver_query_base() = default;
};

}  // namespace ringport::ip
