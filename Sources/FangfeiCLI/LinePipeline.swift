import Fangfei
import Foundation

/// `check --lines` / `--jsonl`: the main thread cuts the input into blocks of whole lines; each
/// block is decoded, classified and serialised to output bytes in one piece (by `jobs` worker
/// threads, or inline with one job); the main thread writes the finished blocks in input order.
/// The bytes written do not depend on the number of jobs.
struct LinePipeline: Sendable {
  /// A block of whole input lines.
  struct Chunk: Sendable {
    /// The lines, each ending in `\n` except possibly the last line of the input.
    var bytes: [UInt8]
    /// The 1-based number of the first line in its file.
    var firstLine: Int
    /// How many messages were written before this block (all inputs counted): the JSON array
    /// separator depends on it.
    var firstIndex: Int
    /// The input's name in diagnostics (`<stdin>` for standard input).
    var display: String
  }

  /// A diagnostic for standard error, in input order.
  struct Note: Sendable {
    var message: String
    /// An invalid UTF-8 warning: only the first one of a file is shown.
    var isUTF8Warning: Bool
  }

  /// A block's output and what the main thread needs to know about it.
  struct Result: Sendable {
    var output: [UInt8] = []
    var messages = 0
    var bytes = 0
    var flagged = 0
    var notes: [Note] = []
    var inputError = false
  }

  var classifier: Classifier
  let language: Language
  let format: CheckCommand.Format
  let color: Bool
  /// `--jsonl` (else `--lines`).
  let jsonl: Bool
  let strictUTF8: Bool
  /// Several inputs: default ids are `FILE:LINE`.
  let severalInputs: Bool
  /// With `--report`: turns a verdict and its message into the grid worker's answer.
  let gridReport: (@Sendable (Verdict, String) -> GridReport)?

  /// Decodes, classifies and serialises every line of `chunk`.
  /// The same pipeline with another classifier (of the same pack).
  func using(_ other: Classifier) -> LinePipeline {
    var copy = self
    copy.classifier = other
    return copy
  }

  func process(_ chunk: Chunk) -> Result {
    var result = Result()
    var output = OutputWriter(
      format: format, batch: true, color: color, count: chunk.firstIndex, toStandardOutput: false)
    output.gridReport = gridReport
    var warnedUTF8 = false
    var lineNumber = chunk.firstLine - 1
    chunk.bytes.withUnsafeBufferPointer { all in
      var start = 0
      let end = all.count
      while start < end {
        var nl = start
        while nl < end, all[nl] != UInt8(ascii: "\n") { nl += 1 }
        var stop = nl
        if stop > start, all[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        let line = UnsafeBufferPointer(rebasing: all[start..<stop])
        start = nl + 1
        lineNumber += 1
        result.messages += 1
        result.bytes += line.count + 1
        handle(line, number: lineNumber, chunk: chunk, into: &result, output: &output, warnedUTF8: &warnedUTF8)
      }
    }
    result.output = output.takeBytes()
    return result
  }

  private func handle(
    _ line: UnsafeBufferPointer<UInt8>, number: Int, chunk: Chunk, into result: inout Result,
    output: inout OutputWriter, warnedUTF8: inout Bool
  ) {
    let defaultID = severalInputs ? chunk.display + ":" + String(number) : String(number)
    let rawDefault = severalInputs ? jsonString(defaultID) : defaultID
    let text: String
    let id: String
    let rawID: String
    if jsonl {
      switch JSONLInput.parse(ArraySlice(line)) {
      case .success(let message):
        (text, id, rawID) = (message.text, message.id ?? defaultID, message.rawID ?? rawDefault)
      case .failure(let problem):
        result.inputError = true
        result.notes.append(Note(message: "\(chunk.display):\(number): \(problem.message)", isUTF8Warning: false))
        output.writeError(problem.message, rawID: rawDefault)
        return
      }
    } else {
      let (decoded, replaced) = UTF8Input.decode(line)
      var place: String { "\(chunk.display):\(number)" }
      if replaced, strictUTF8 {
        result.notes.append(Note(message: "\(place): invalid UTF-8", isUTF8Warning: false))
        result.inputError = true
        output.writeError("invalid UTF-8", rawID: rawDefault)
        return
      }
      if replaced, !warnedUTF8 {
        warnedUTF8 = true
        result.notes.append(
          Note(
            message: "\(place): invalid UTF-8 replaced by U+FFFD (further ones in this file are not reported)",
            isUTF8Warning: true))
      }
      (text, id, rawID) = (decoded, defaultID, rawDefault)
    }
    let verdict = classifier.classify(text, id: id, language: language)
    if verdict.isFlagged { result.flagged += 1 }
    output.write(verdict, rawID: rawID, text: text)
  }
}

/// Cuts an input into blocks of whole lines of about `target` bytes (a longer line makes a
/// longer block).
struct ChunkReader {
  private let fd: Int32
  private let target: Int
  private var pending: [UInt8] = []
  /// How much of `pending` is known to hold no newline (searched before a read): a line of
  /// many megabytes is searched once, not once a read.
  private var searched = 0
  private var eof = false

  init(fd: Int32, target: Int) {
    self.fd = fd
    self.target = target
  }

  /// The next block and the number of lines in it, or nil at the end of the input.
  mutating func next() -> (bytes: [UInt8], lines: Int)? {
    while true {
      if pending.count >= target || eof {
        var cut = pending.count
        if !eof {
          guard let nl = pending[searched...].lastIndex(of: UInt8(ascii: "\n")) else {
            searched = pending.count
            if !fill() { eof = true }
            continue
          }
          cut = nl + 1
        }
        guard cut > 0 else { return nil }
        let block = Array(pending[0..<cut])
        pending.removeSubrange(0..<cut)
        searched = 0
        return (block, Self.lineCount(block))
      }
      if !fill() { eof = true }
    }
  }

  /// Lines in a block: its `\n`s, plus one for a last line without one.
  static func lineCount(_ block: [UInt8]) -> Int {
    var n = 0
    for b in block where b == UInt8(ascii: "\n") { n += 1 }
    if let last = block.last, last != UInt8(ascii: "\n") { n += 1 }
    return n
  }

  /// Reads once; false at the end of the input or on a read error.
  private mutating func fill() -> Bool {
    InputFile.readOnce(fd, appendingTo: &pending, upTo: max(target, 1 << 16)) > 0
  }
}

/// The worker threads of a ``LinePipeline``: blocks go in numbered, results come out by number.
final class WorkerPool: @unchecked Sendable {
  // Safety: every stored property is only touched under `condition`.
  private let condition = NSCondition()
  /// Blocks waiting for a worker from `head` on; taken ones are cleared (their bytes freed at
  /// once) and the array is compacted, so the queue never holds more than is outstanding.
  private var queue: [(Int, LinePipeline.Chunk)?] = []
  private var head = 0
  private var results: [Int: LinePipeline.Result] = [:]
  private var closed = false

  /// Starts `workers` threads that run `pipeline` on the submitted blocks.
  /// Starts `workers` threads. The first uses `pipeline`; each other one first asks
  /// `separateClassifier` for a classifier of its own (nil: share the first one's). Threads that
  /// share a classifier also share the reference counts of its objects, and on two cores the
  /// traffic on those counts cost a sixth of the throughput of `--jobs 2`.
  init(workers: Int, pipeline: LinePipeline, separateClassifier: @escaping @Sendable () -> Classifier? = { nil }) {
    for worker in 0..<workers {
      let thread = Thread { [self] in
        let own = worker == 0 ? nil : separateClassifier()
        self.work(own.map { pipeline.using($0) } ?? pipeline)
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }

  private func work(_ pipeline: LinePipeline) {
    while true {
      condition.lock()
      while head == queue.count && !closed { condition.wait() }
      guard head < queue.count else {
        condition.unlock()
        return
      }
      let taken = queue[head]
      queue[head] = nil
      head += 1
      if head == queue.count {
        queue.removeAll(keepingCapacity: true)
        head = 0
      } else if head >= 256 {
        queue.removeFirst(head)
        head = 0
      }
      condition.unlock()
      guard let (number, chunk) = taken else { continue }  // (never: taken slots are passed)
      let result = pipeline.process(chunk)
      condition.lock()
      results[number] = result
      condition.broadcast()
      condition.unlock()
    }
  }

  /// Queues block `number`.
  func submit(_ number: Int, _ chunk: LinePipeline.Chunk) {
    condition.lock()
    queue.append((number, chunk))
    condition.broadcast()
    condition.unlock()
  }

  /// The result of block `number`, waiting for it when `wait`, else nil when it is not done.
  func result(_ number: Int, wait: Bool) -> LinePipeline.Result? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let r = results.removeValue(forKey: number) { return r }
      if !wait { return nil }
      condition.wait()
    }
  }

  /// Lets the threads end once the queue is empty.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }
}
