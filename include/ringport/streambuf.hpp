// streambuf: basic_streambuf with the default allocator (Asio's <asio/streambuf.hpp>).
#pragma once

#include "ringport/basic_streambuf.hpp"
