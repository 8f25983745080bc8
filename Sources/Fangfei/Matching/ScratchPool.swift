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

  /// Runs `body` with a scratch nobody else is using.
  package func withScratch<R>(_ body: (MatchScratch) -> R) -> R {
    let idle = free.withLock { $0.popLast() }
    let s = idle?.scratch ?? MatchScratch(limits: limits)
    let result = body(s)
    let back = Idle(scratch: s)
    free.withLock { if $0.count < 64 { $0.append(back) } }
    return result
  }
}
