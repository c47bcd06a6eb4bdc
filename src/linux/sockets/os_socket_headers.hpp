// The POSIX socket headers, for the checks in src/common/socket_*_check.cpp that meet the
// twins and constants of ringport's installed headers with the real definitions.
#pragma once

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
