import Foundation

/// A small pool of ``MatchScratch`` objects (PCRE2 match data and JIT stacks are per-thread
/// state), so that concurrent `classify` calls each borrow their own and none allocates one per
/// message.
package final class ScratchPool: @unchecked Sendable {
  // Safety: `free` is only touched under `lock`; a scratch is used by one borrower at a time.
  private let lock = NSLock()
  private var free: [MatchScratch] = []
  private let limits: MatchLimits

  /// Creates an empty pool whose scratches use `limits`.
  package init(limits: MatchLimits) {
    self.limits = limits
  }

  /// Runs `body` with a scratch nobody else is using.
  package func withScratch<R>(_ body: (MatchScratch) -> R) -> R {
    lock.lock()
    let scratch = free.popLast()
    lock.unlock()
    let s = scratch ?? MatchScratch(limits: limits)
    let result = body(s)
    lock.lock()
    if free.count < 64 { free.append(s) }
    lock.unlock()
    return result
  }
}
