// streambuf: basic_streambuf with the default allocator (Asio's <asio/streambuf.hpp>).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_streambuf.hpp"
