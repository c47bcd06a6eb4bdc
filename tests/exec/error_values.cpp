// Asio's error values: categories, messages, comparisons and throw behaviour.
#include <gtest/gtest.h>

#include "ringport/error.hpp"

#include <string>

namespace error_values_test {

TEST(ErrorValues, MiscErrorsHaveTheirOwnCategory) {
  ringport::error_code ec = ringport::error::eof;
  EXPECT_EQ(&ec.category(), &ringport::error::get_misc_category());
  EXPECT_EQ(ec.message(), "End of file");
  EXPECT_TRUE(ec == ringport::error::eof);
  EXPECT_FALSE(ec == ringport::error::not_found);
}

TEST(ErrorValues, BasicErrorsAreNativeSystemErrors) {
  ringport::error_code ec = ringport::error::operation_aborted;
  EXPECT_EQ(&ec.category(), &ringport::error::get_system_category());
  EXPECT_EQ(&ringport::error::system_category, &ringport::system_category());
  EXPECT_FALSE(ec.message().empty());
#if !defined(_WIN32)
  EXPECT_EQ(ec.value(), ECANCELED);
  // Asio's own text for ECANCELED (strerror says "Operation canceled").
  EXPECT_EQ(ec.message(), "Operation aborted.");
  EXPECT_EQ(ringport::error_code(ringport::error::connection_refused).message(),
            std::system_category().message(ECONNREFUSED));
  EXPECT_TRUE(ec == std::errc::operation_canceled);
  EXPECT_TRUE(ringport::error_code(ringport::error::connection_refused) ==
              std::errc::connection_refused);
#else
  EXPECT_EQ(ec.value(), 995);
  // Windows' text as Asio gives it: the line break removed, nothing else.
  const std::string text = ec.message();
  ASSERT_FALSE(text.empty());
  EXPECT_NE(text.back(), '\n');
  EXPECT_NE(text.back(), '\r');
  EXPECT_EQ(text.find("Windows error"), std::string::npos) << text;
#endif
}

TEST(ErrorValues, NetdbAndAddrinfoCategories) {
  ringport::error_code h = ringport::error::host_not_found;
  ringport::error_code s = ringport::error::service_not_found;
  EXPECT_EQ(&h.category(), &ringport::error::get_netdb_category());
  EXPECT_EQ(&s.category(), &ringport::error::get_addrinfo_category());
  EXPECT_NE(h.message().find("Host not found"), std::string::npos);
  EXPECT_EQ(s.message(), "Service not found");
  EXPECT_STRNE(h.category().name(), s.category().name());
}

TEST(ErrorValues, ThrowErrorThrowsOnlyOnError) {
  EXPECT_NO_THROW(ringport::detail::throw_error(ringport::error_code(), "noop"));
  try {
    ringport::detail::throw_error(ringport::error::eof, "reading");
    FAIL() << "expected a throw";
  } catch (const ringport::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof);
    EXPECT_NE(std::string(e.what()).find("reading"), std::string::npos);
  }
}

TEST(ErrorValues, DistinctCategoriesDoNotCompareEqual) {
  ringport::error_code eof = ringport::error::eof;           // misc value 2
  ringport::error_code two(2, ringport::system_category());  // ENOENT / ERROR_FILE_NOT_FOUND
  EXPECT_NE(eof, two);
}

}  // namespace error_values_test
