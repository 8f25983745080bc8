import Foundation

/// Runs `first` on the calling thread and `second` on a new thread at the same time, and
/// returns both results once both have finished. Loading a pack uses it to spread its
/// independent steps over two cores.
package func concurrently<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
  let box = ResultBox<B>()
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    box.value = second()
    done.signal()
  }
  // Parsing and PCRE2's compiler recurse a little; the default secondary-thread stack is small
  // on some systems.
  thread.stackSize = 4 << 20
  thread.start()
  let a = first()
  done.wait()
  // The semaphore orders the other thread's write before this read.
  guard let b = box.value else { return (a, second()) }
  return (a, b)
}

/// The result of the second closure of ``concurrently(_:_:)``.
private final class ResultBox<T>: @unchecked Sendable {
  // Safety: written once by the second thread before it signals; read after the wait.
  var value: T?
}

/// JIT-compiles a pack's patterns from several threads: each thread calls ``drain()`` and
/// takes the next pattern no thread has taken, until none is left. Patterns become available
/// with ``publish(_:)``; a thread that drains before that finds nothing to do.
package final class JITWork: @unchecked Sendable {
  // Safety: `patterns` and `next` are only touched under `lock`.
  private let lock = NSLock()
  private var patterns: [CompiledPattern] = []
  private var next = 0

  package init() {}

  /// Makes `patterns` available to ``drain()``.
  package func publish(_ patterns: [CompiledPattern]) {
    lock.withLock { self.patterns = patterns }
  }

  /// JIT-compiles published patterns no other thread has taken, until none is left.
  package func drain() {
    while let pattern = take() { _ = pattern.compileJITOnce() }
  }

  private func take() -> CompiledPattern? {
    lock.withLock {
      guard next < patterns.count else { return nil }
      next += 1
      return patterns[next - 1]
    }
  }
}
