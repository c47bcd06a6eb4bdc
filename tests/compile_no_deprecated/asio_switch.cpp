// Deprecated names switched off by Asio's macro, as a program written for Asio defines it.
#define ASIO_NO_DEPRECATED 1
#include "hidden_names.hpp"
