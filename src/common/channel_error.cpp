#include "ringport/experimental/channel_error.hpp"

#include <string>

namespace ringport::experimental::error {

namespace {

class channel_category_impl final : public error_category {
 public:
  const char* name() const noexcept override { return "ringport.channel"; }
  std::string message(int value) const override {
    switch (value) {
      case channel_closed:
        return "Channel closed";
      case channel_cancelled:
        return "Channel cancelled";
      default:
        return "ringport.channel error";
    }
  }
};

}  // namespace

const error_category& get_channel_category() noexcept {
  static const channel_category_impl instance;
  return instance;
}

}  // namespace ringport::experimental::error
