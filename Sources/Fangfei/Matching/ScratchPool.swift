import Synchronization

/// A small pool of ``MatchScratch`` objects (PCRE2 match data and JIT stacks are per-thread
/// state), so that concurrent `classify` calls each borrow their own and none allocates one per
/// message.
package final class ScratchPool: Sendable {
  /// A scratch in the pool, which nobody is using.
  private struct Idle: @unchecked Sendable {
    // Safety: a scratch in the pool has no borrower; it is handed to one borrower at a time.
    let scratch: MatchScratch
  }

  private let free = Mutex<[Idle]>([])
  private let limits: MatchLimits

  /// Creates an empty pool whose scratches use `limits`.
  package init(limits: MatchLimits) {
    self.limits = limits
  }

  /// A scratch nobody else is using; give it back with ``giveBack(_:)`` when done.
  ///
  /// A pair of calls rather than a method taking a closure: a closure that captures a large
  /// struct (a ``Classifier``) copies it, retaining each of its references, on every call.
  package func borrow() -> MatchScratch {
    let idle = free.withLock { $0.popLast() }
    return idle?.scratch ?? MatchScratch(limits: limits)
  }

  /// Returns a scratch that ``borrow()`` gave and its borrower no longer uses.
  package func giveBack(_ scratch: MatchScratch) {
    let back = Idle(scratch: scratch)
    free.withLock { if $0.count < 64 { $0.append(back) } }
  }
}
