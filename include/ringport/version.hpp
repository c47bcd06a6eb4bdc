// The release these headers belong to. This file is the one place the version is written:
// CMake reads it for the package files (CMake and pkg-config), and ringport-info prints it.
#pragma once

#include "ringport/detail/config.hpp"

#define RINGPORT_VERSION_MAJOR 0
#define RINGPORT_VERSION_MINOR 1
#define RINGPORT_VERSION_PATCH 0
// MAJOR * 100000 + MINOR * 100 + PATCH, the encoding of Asio's ASIO_VERSION, so that
// `#if RINGPORT_VERSION >= 100` reads as it does for Asio.
#define RINGPORT_VERSION \
  (RINGPORT_VERSION_MAJOR * 100000 + RINGPORT_VERSION_MINOR * 100 + RINGPORT_VERSION_PATCH)
// "MAJOR.MINOR.PATCH", made from the three numbers above.
#define RINGPORT_VERSION_STRING                                                              \
  RINGPORT_DETAIL_VERSION_TEXT(RINGPORT_VERSION_MAJOR)                                       \
  "." RINGPORT_DETAIL_VERSION_TEXT(RINGPORT_VERSION_MINOR) "." RINGPORT_DETAIL_VERSION_TEXT( \
      RINGPORT_VERSION_PATCH)
#define RINGPORT_DETAIL_VERSION_TEXT(n) RINGPORT_DETAIL_VERSION_TEXT2(n)
#define RINGPORT_DETAIL_VERSION_TEXT2(n) #n
