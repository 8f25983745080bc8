import Dispatch
import FangfeiOCR
import Foundation

/// Why a photo got no answer from the OCR threads.
enum OCRFailure: Error, Sendable, Equatable {
  /// Every thread is busy and the waiting line is full.
  case busy
  /// The photo waited longer than the queue timeout for a free thread.
  case queueTimeout
  /// Reading the photo took longer than the OCR timeout.
  case timedOut
  /// The request went away (the client disconnected).
  case cancelled
  /// The reader failed.
  case ocr(OCRError)
}

/// Reads photos on at most `threads` dedicated threads — OCR blocks its thread for a fraction of
/// a second, which must not happen on Swift's cooperative pool — with a bounded waiting line,
/// a queue wait timeout and a per-photo timeout. Threads start on demand and end after a while
/// without work. A photo that times out keeps its thread until the reader returns, so at most
/// `threads` readings ever run at once.
final class OCRWorkers: @unchecked Sendable {
  // Safety: every mutable property (here and in `Job`) is read and written with `condition`
  // locked; `work` is `Sendable`.
  typealias Outcome = Result<ImageCheck, OCRFailure>
  typealias Work = @Sendable ([UInt8]) throws(OCRError) -> ImageCheck

  /// One photo on its way through the line. Mutable state is guarded by the pool's lock.
  private final class Job: @unchecked Sendable {
    /// The photo; emptied once a thread took it or the job was answered, so that the timers,
    /// which keep the job alive a while, do not keep the photo in memory.
    var image: [UInt8]
    let timeout: Duration
    var continuation: CheckedContinuation<Outcome, Never>?
    /// A thread has taken the job.
    var started = false
    /// The job has been answered (result, timeout or cancellation).
    var done = false

    init(image: [UInt8], timeout: Duration) {
      self.image = image
      self.timeout = timeout
    }
  }

  private let condition = NSCondition()
  private var pending: [Job] = []
  private var threads = 0
  private var idle = 0
  private let maxThreads: Int
  private let maxQueued: Int
  private let idleExit: TimeInterval
  private let work: Work

  /// Creates the pool; no thread starts before the first photo.
  /// - Parameters:
  ///   - threads: At most this many photos are read at once.
  ///   - maxQueued: At most this many photos wait beyond those a free thread can take.
  ///   - idleExit: Seconds after which a thread without work ends.
  ///   - work: Reads and classifies one photo; runs on a pool thread.
  init(threads: Int, maxQueued: Int, idleExit: TimeInterval = 60, work: @escaping Work) {
    maxThreads = max(1, threads)
    self.maxQueued = max(0, maxQueued)
    self.idleExit = idleExit
    self.work = work
  }

  /// How many photos wait for a thread now (the line's length).
  var waiting: Int {
    condition.lock()
    defer { condition.unlock() }
    return pending.count
  }

  /// Reads `image` on a pool thread.
  /// - Returns: The check, or why there is none (busy, waited too long, took too long, failed).
  func run(_ image: [UInt8], queueTimeout: Duration, timeout: Duration) async -> Outcome {
    let job = Job(image: image, timeout: timeout)
    return await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
        condition.lock()
        if job.done {
          condition.unlock()
          continuation.resume(returning: .failure(.cancelled))
          return
        }
        let free = idle + (maxThreads - threads)
        if pending.count >= maxQueued + free {
          job.done = true
          condition.unlock()
          continuation.resume(returning: .failure(.busy))
          return
        }
        job.continuation = continuation
        pending.append(job)
        if idle > 0 {
          condition.signal()
        } else if threads < maxThreads {
          threads += 1
          startThread()
        }
        condition.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + queueTimeout.seconds) {
          self.finish(job, .failure(.queueTimeout), onlyIfWaiting: true)
        }
      }
    } onCancel: {
      finish(job, .failure(.cancelled), onlyIfWaiting: false)
    }
  }

  /// Answers `job` unless it has been answered; with `onlyIfWaiting`, only if no thread took it.
  private func finish(_ job: Job, _ outcome: Outcome, onlyIfWaiting: Bool) {
    condition.lock()
    guard !job.done, !(onlyIfWaiting && job.started) else {
      condition.unlock()
      return
    }
    job.done = true
    job.image = []
    if !job.started { pending.removeAll { $0 === job } }
    let continuation = job.continuation
    job.continuation = nil
    condition.unlock()
    continuation?.resume(returning: outcome)
  }

  private func startThread() {
    let thread = Thread { self.loop() }
    thread.name = "fangfei-ocr"
    thread.stackSize = 16 << 20
    thread.start()
  }

  /// A pool thread: takes jobs in order; ends after `idleExit` seconds without one.
  private func loop() {
    condition.lock()
    while true {
      if !pending.isEmpty {
        let job = pending.removeFirst()
        job.started = true
        let image = job.image
        job.image = []
        condition.unlock()
        process(job, image)
        condition.lock()
        continue
      }
      idle += 1
      let woken = condition.wait(until: Date(timeIntervalSinceNow: idleExit))
      idle -= 1
      if !woken && pending.isEmpty {
        threads -= 1
        condition.unlock()
        return
      }
    }
  }

  private func process(_ job: Job, _ image: [UInt8]) {
    DispatchQueue.global().asyncAfter(deadline: .now() + job.timeout.seconds) {
      self.finish(job, .failure(.timedOut), onlyIfWaiting: false)
    }
    let outcome: Outcome
    do {
      outcome = .success(try work(image))
    } catch {
      outcome = .failure(.ocr(error))
    }
    finish(job, outcome, onlyIfWaiting: false)
  }
}
