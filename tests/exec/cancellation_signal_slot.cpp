// cancellation_signal and cancellation_slot on their own: connection, handler installation,
// emit, clear, and reuse of the handler memory the signal owns.
#include "context_test.hpp"

#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"

#include <array>
#include <vector>

namespace cancellation_signal_slot_test {

using CancellationSignalSlot = ringport::test::context_test;
using ringport::cancellation_type;

static_assert((cancellation_type::terminal | cancellation_type::partial) !=
              cancellation_type::none);
static_assert((cancellation_type::all & cancellation_type::total) == cancellation_type::total);
static_assert(!cancellation_type::none);
static_assert(!(~cancellation_type::all));
static_assert((cancellation_type::partial ^ cancellation_type::partial) == cancellation_type::none);

struct recorder {
  std::vector<cancellation_type>* seen;
  void operator()(cancellation_type t) { seen->push_back(t); }
};

struct counted {
  int* live;
  explicit counted(int* l) : live(l) { ++*live; }
  counted(const counted&) = delete;  // emplace must not need copy or move
  ~counted() { --*live; }
  void operator()(cancellation_type) {}
};

struct big_handler {
  std::array<char, 200> payload{};
  void operator()(cancellation_type) {}
};

TEST_F(CancellationSignalSlot, DefaultSlotIsNotConnected) {
  ringport::cancellation_slot slot;
  EXPECT_FALSE(slot.is_connected());
  EXPECT_FALSE(slot.has_handler());
  slot.clear();  // harmless
  EXPECT_EQ(slot, ringport::cancellation_slot());
}

TEST_F(CancellationSignalSlot, SlotIsConnectedAndComparesBySignal) {
  ringport::cancellation_signal a, b;
  EXPECT_TRUE(a.slot().is_connected());
  EXPECT_FALSE(a.slot().has_handler());
  EXPECT_EQ(a.slot(), a.slot());
  EXPECT_NE(a.slot(), b.slot());
}

TEST_F(CancellationSignalSlot, EmitCallsInstalledHandler) {
  ringport::cancellation_signal sig;
  std::vector<cancellation_type> seen;
  sig.emit(cancellation_type::terminal);  // no handler: nothing happens
  sig.slot().assign(recorder{&seen});
  EXPECT_TRUE(sig.slot().has_handler());
  sig.emit(cancellation_type::partial);
  sig.emit(cancellation_type::total);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], cancellation_type::partial);
  EXPECT_EQ(seen[1], cancellation_type::total);
}

TEST_F(CancellationSignalSlot, ClearDestroysHandler) {
  ringport::cancellation_signal sig;
  int live = 0;
  sig.slot().emplace<counted>(&live);
  EXPECT_EQ(live, 1);
  sig.slot().clear();
  EXPECT_EQ(live, 0);
  EXPECT_FALSE(sig.slot().has_handler());
  EXPECT_TRUE(sig.slot().is_connected());
  sig.emit(cancellation_type::terminal);  // nothing installed
}

TEST_F(CancellationSignalSlot, EmplaceReplacesAndReusesMemory) {
  ringport::cancellation_signal sig;
  int live = 0;
  counted& first = sig.slot().emplace<counted>(&live);
  void* where = &first;
  counted& second = sig.slot().emplace<counted>(&live);
  EXPECT_EQ(live, 1) << "emplace destroys the previous handler";
  EXPECT_EQ(static_cast<void*>(&second), where) << "same-size handler reuses the block";
  sig.slot().clear();
  counted& third = sig.slot().emplace<counted>(&live);
  EXPECT_EQ(static_cast<void*>(&third), where) << "clear() keeps the block for reuse";
  std::vector<cancellation_type> seen;
  recorder& smaller = sig.slot().emplace<recorder>(&seen);
  EXPECT_EQ(live, 0);
  EXPECT_EQ(static_cast<void*>(&smaller), where) << "a smaller handler fits the same block";
  big_handler& big = sig.slot().emplace<big_handler>();
  (void)big;  // a larger one needs a larger block; it must still work
  sig.emit(cancellation_type::terminal);
  EXPECT_TRUE(seen.empty());
}

TEST_F(CancellationSignalSlot, SignalDestructionDestroysHandler) {
  int live = 0;
  {
    ringport::cancellation_signal sig;
    sig.slot().emplace<counted>(&live);
    EXPECT_EQ(live, 1);
  }
  EXPECT_EQ(live, 0);
}

TEST_F(CancellationSignalSlot, HandlerMayClearItsOwnSlotOnDestruction) {
  // A handler whose destructor touches the slot must find it already empty.
  struct clears_on_destroy {
    explicit clears_on_destroy(ringport::cancellation_slot s) : slot(s) {}
    ringport::cancellation_slot slot;
    ~clears_on_destroy() {
      EXPECT_FALSE(slot.has_handler());
      slot.clear();
    }
    void operator()(cancellation_type) {}
  };
  ringport::cancellation_signal sig;
  sig.slot().emplace<clears_on_destroy>(sig.slot());
  sig.slot().clear();
}

}  // namespace cancellation_signal_slot_test
