// Functions of ntdll that Win32 does not offer, looked up by name. ntdll is loaded in every
// process; a name it does not export (an older Windows, Wine) gives null.
#pragma once

#include <windows.h>

namespace ringport::detail {

// ntdll's export `name` as a function pointer of type Fn, or null. Callers cache the result.
template <class Fn>
Fn ntdll_function(const char* name) noexcept {
  HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  if (ntdll == nullptr) return nullptr;
  return reinterpret_cast<Fn>(reinterpret_cast<void*>(::GetProcAddress(ntdll, name)));
}

}  // namespace ringport::detail
