import Synchronization

/// A small pool of ``MatchScratch`` objects (PCRE2 match data and JIT stacks are per-thread
/// state), so that concurrent `classify` calls each borrow their own and none allocates one per
/// message.
///
/// One idle scratch waits in a lock-free slot, the others in a list under a lock: a single
/// thread classifying message after message takes and returns the same scratch with one atomic
/// exchange each way.
package final class ScratchPool: Sendable {
  /// A scratch in the pool, which nobody is using.
  private struct Idle: @unchecked Sendable {
    // Safety: a scratch in the pool has no borrower; it is handed to one borrower at a time.
    let scratch: MatchScratch
  }

  /// An idle scratch, retained, as the bits of its address; 0 when empty.
  private let slot = Atomic<UInt>(0)
  private let free = Mutex<[Idle]>([])
  private let limits: MatchLimits

  /// Creates an empty pool whose scratches use `limits`.
  package init(limits: MatchLimits) {
    self.limits = limits
  }

  deinit {
    if let scratch = Self.scratch(slot.exchange(0, ordering: .acquiring)) {
      _ = scratch.takeRetainedValue()
    }
  }

  /// The scratch whose retained address `bits` are, if any.
  private static func scratch(_ bits: UInt) -> Unmanaged<MatchScratch>? {
    UnsafeRawPointer(bitPattern: bits).map { Unmanaged<MatchScratch>.fromOpaque($0) }
  }

  /// A scratch nobody else is using; give it back with ``giveBack(_:)`` when done.
  ///
  /// A pair of calls rather than a method taking a closure: a closure that captures a large
  /// struct (a ``Classifier``) copies it, retaining each of its references, on every call.
  package func borrow() -> MatchScratch {
    if let scratch = Self.scratch(slot.exchange(0, ordering: .acquiring)) {
      return scratch.takeRetainedValue()
    }
    let idle = free.withLock { $0.popLast() }
    return idle?.scratch ?? MatchScratch(limits: limits)
  }

  /// Returns a scratch that ``borrow()`` gave and its borrower no longer uses.
  package func giveBack(_ scratch: MatchScratch) {
    let retained = Unmanaged.passRetained(scratch)
    let bits = UInt(bitPattern: retained.toOpaque())
    if slot.compareExchange(expected: 0, desired: bits, ordering: .releasing).exchanged { return }
    retained.release()
    let back = Idle(scratch: scratch)
    free.withLock { if $0.count < 64 { $0.append(back) } }
  }
}
