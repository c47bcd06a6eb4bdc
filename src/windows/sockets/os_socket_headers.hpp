// The Winsock headers, for the checks in src/common/socket_*_check.cpp that meet the twins
// and constants of ringport's installed headers with the real definitions.
#pragma once

#include <winsock2.h>
#include <ws2tcpip.h>
#include <afunix.h>
