/// Step 6 over the output of ``MainPass``: visits the recorded numeral starts, decodes a
/// small window of scalars around each, lets ``NumeralConverter`` decide, and splices the
/// conversions into the output (every scalar of a conversion maps to the whole original
/// numeral).
struct NumeralPass {
  /// Longest numeral-like run examined; longer runs are left alone (no sensible number is
  /// that long), which keeps the pass linear.
  static let maximumRun = 64
  /// Scalars decoded after the run, for the words that follow a numeral (`三成`, `个月`).
  static let lookahead = 3

  struct Edit {
    var scalarStart: Int
    var scalarEnd: Int
    var byteStart: Int
    var byteEnd: Int
    /// The replacement is `digits[digitStart..<digitEnd]` of the pass's digit pool.
    var digitStart: Int
    var digitEnd: Int
    var originalStart: UInt32
    var originalEnd: UInt32
  }

  /// Characters that may belong to a numeral run (besides numeral characters and digits).
  @inline(__always)
  static func continuesRun(_ value: UInt32) -> Bool {
    switch value {
    case 0x2C, 0x2E, 0x77, 0x57: return true  // , . w W
    case ChineseNumeral.dian, ChineseNumeral.fen, ChineseNumeral.zhi: return true
    default: return NumeralConverter.isASCIIDigit(value) || ChineseNumeral.kind(value) != nil
    }
  }

  func run(_ out: inout PassOutput) {
    guard !out.candidates.isEmpty else { return }
    let capacity = Self.maximumRun + Self.lookahead + 2
    var pool: [UInt8] = []
    let edits = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { window in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity + 1) { offsets in
        findEdits(out, window: window, offsets: offsets, pool: &pool)
      }
    }
    guard !edits.isEmpty else { return }
    splice(edits, pool: pool, into: &out)
  }

  /// Whether the candidate at byte `start` certainly stays as it is; then also the
  /// number of scalars that can be skipped.
  @inline(__always)
  private func quickSkip(
    _ bytes: UnsafeMutablePointer<UInt8>, count: Int, at start: Int
  ) -> Int? {
    let (first, firstLength) = Self.decode(bytes, at: start)
    if NumeralConverter.isASCIIDigit(first) {
      // An Arabic number is converted only before a unit character or `w`.
      var position = start + 1
      while position < count {
        let byte = bytes[position]
        guard byte &- 0x30 < 10 || byte == 0x2C || byte == 0x2E else { break }
        position += 1
      }
      guard position < count else { return position - start }
      let (after, _) = Self.decode(bytes, at: position)
      if ChineseNumeral.isUnit(after) || after | 0x20 == 0x77 { return nil }
      return position - start
    }
    // A lone numeral character needs a measure word or more numerals after it.
    guard start + firstLength < count else { return 1 }
    let (after, _) = Self.decode(bytes, at: start + firstLength)
    if Self.continuesRun(after) || ChineseNumeral.isFollower(after) || after == ChineseNumeral.ge {
      return nil
    }
    return 1
  }

  private func findEdits(
    _ out: PassOutput, window: UnsafeMutableBufferPointer<UInt32>,
    offsets: UnsafeMutableBufferPointer<Int>, pool: inout [UInt8]
  ) -> [Edit] {
    let bytes = out.bytes.base
    let byteCount = out.bytes.count
    var digits: [UInt8] = []
    var edits: [Edit] = []
    var consumed = 0
    for candidate in out.candidates where candidate.scalar >= consumed {
      if let skip = quickSkip(bytes, count: byteCount, at: candidate.byte) {
        consumed = candidate.scalar + skip
        continue
      }
      var size = 0
      var origin = 0
      if candidate.byte > 0 {
        var previous = candidate.byte - 1
        while previous > 0 && bytes[previous] & 0xC0 == 0x80 { previous -= 1 }
        window[0] = Self.decode(bytes, at: previous).value
        offsets[0] = previous
        size = 1
        origin = 1
      }
      var position = candidate.byte
      var runLength = 0
      while position < byteCount && runLength < Self.maximumRun {
        let (value, length) = Self.decode(bytes, at: position)
        guard runLength == 0 || Self.continuesRun(value) else { break }
        window[size] = value
        offsets[size] = position
        size += 1
        position += length
        runLength += 1
      }
      if runLength == Self.maximumRun {
        // Too long to be a number: skip the whole run.
        var skipped = runLength
        while position < byteCount {
          let (value, length) = Self.decode(bytes, at: position)
          guard Self.continuesRun(value) else { break }
          position += length
          skipped += 1
        }
        consumed = candidate.scalar + skipped
        continue
      }
      var extra = 0
      while position < byteCount && extra < Self.lookahead {
        let (value, length) = Self.decode(bytes, at: position)
        window[size] = value
        offsets[size] = position
        size += 1
        position += length
        extra += 1
      }
      offsets[size] = position
      let scalars = UnsafeBufferPointer(rebasing: window[0..<size])
      switch NumeralConverter.convert(scalars, at: origin, output: &digits) {
      case .unchanged(let end):
        consumed = candidate.scalar + max(end - origin, 1)
      case .converted(let end):
        let scalarEnd = candidate.scalar + (end - origin)
        edits.append(
          Edit(
            scalarStart: candidate.scalar, scalarEnd: scalarEnd, byteStart: candidate.byte,
            byteEnd: offsets[end], digitStart: pool.count, digitEnd: pool.count + digits.count,
            originalStart: out.starts.base[candidate.scalar] & PassOutput.startMask,
            originalEnd: out.end(of: scalarEnd - 1)))
        pool.append(contentsOf: digits)
        consumed = scalarEnd
      }
    }
    return edits
  }

  /// Applies the edits to the output in place (bytes and starts alike).
  private func splice(_ edits: [Edit], pool: [UInt8], into out: inout PassOutput) {
    var byteGrowth = 0
    var scalarGrowth = 0
    var maximumByteGrowth = 0
    var maximumScalarGrowth = 0
    for edit in edits {
      let length = edit.digitEnd - edit.digitStart
      byteGrowth += length - (edit.byteEnd - edit.byteStart)
      scalarGrowth += length - (edit.scalarEnd - edit.scalarStart)
      maximumByteGrowth = max(maximumByteGrowth, byteGrowth)
      maximumScalarGrowth = max(maximumScalarGrowth, scalarGrowth)
    }
    out.bytes.reserve(maximumByteGrowth)
    out.starts.reserve(maximumScalarGrowth)

    let byteEdits = edits.map {
      (from: $0.byteStart, to: $0.byteEnd, length: $0.digitEnd - $0.digitStart)
    }
    out.bytes.count = Self.splice(out.bytes.base, count: out.bytes.count, edits: byteEdits) {
      number, target in
      let edit = edits[number]
      for (offset, digit) in pool[edit.digitStart..<edit.digitEnd].enumerated() {
        target[offset] = digit
      }
    }

    // Exceptions: shift the kept ones, add those of the conversions.
    var exceptions: [(index: UInt32, end: UInt32)] = []
    var cursor = 0
    var shift = 0
    for edit in edits {
      while cursor < out.exceptions.count && Int(out.exceptions[cursor].index) < edit.scalarStart {
        let exception = out.exceptions[cursor]
        exceptions.append((UInt32(truncatingIfNeeded: Int(exception.index) + shift), exception.end))
        cursor += 1
      }
      while cursor < out.exceptions.count && Int(out.exceptions[cursor].index) < edit.scalarEnd {
        cursor += 1
      }
      let length = edit.digitEnd - edit.digitStart
      if edit.originalEnd &- edit.originalStart != 1 {
        for offset in 0..<length {
          exceptions.append(
            (UInt32(truncatingIfNeeded: edit.scalarStart + shift + offset), edit.originalEnd))
        }
      }
      shift += length - (edit.scalarEnd - edit.scalarStart)
    }
    while cursor < out.exceptions.count {
      let exception = out.exceptions[cursor]
      exceptions.append((UInt32(truncatingIfNeeded: Int(exception.index) + shift), exception.end))
      cursor += 1
    }
    out.exceptions = exceptions

    let scalarEdits = edits.map {
      (from: $0.scalarStart, to: $0.scalarEnd, length: $0.digitEnd - $0.digitStart)
    }
    out.starts.count = Self.splice(out.starts.base, count: out.starts.count, edits: scalarEdits) {
      number, target in
      let edit = edits[number]
      let flagged = edit.originalEnd &- edit.originalStart != 1
      let start = flagged ? edit.originalStart | PassOutput.explicitEnd : edit.originalStart
      target.update(repeating: start, count: edit.digitEnd - edit.digitStart)
    }
    out.changed = true
  }

  /// Replaces `base[from..<to]` by `length` new elements (written by `write`) for each edit,
  /// in place; returns the new count. The capacity must cover the count plus the largest
  /// cumulative growth.
  ///
  /// Segments that move left are moved left to right; stretches of segments that move right
  /// are moved right to left, each before its replacement is written, so nothing unread
  /// is overwritten.
  static func splice<Element>(
    _ base: UnsafeMutablePointer<Element>, count: Int,
    edits: [(from: Int, to: Int, length: Int)],
    write: (Int, UnsafeMutablePointer<Element>) -> Void
  ) -> Int {
    let number = edits.count
    guard number > 0 else { return count }
    // shift[k]: cumulative growth after edit k, i.e. how far the segment after it moves.
    var shift = [Int](repeating: 0, count: number)
    var total = 0
    for (index, edit) in edits.enumerated() {
      total += edit.length - (edit.to - edit.from)
      shift[index] = total
    }
    func shiftBefore(_ index: Int) -> Int { index == 0 ? 0 : shift[index - 1] }
    func moveSegment(after index: Int) {
      let from = edits[index].to
      let end = index + 1 < number ? edits[index + 1].from : count
      guard end > from, shift[index] != 0 else { return }
      UnsafeMutableRawPointer(base + from + shift[index]).copyMemory(
        from: UnsafeRawPointer(base + from), byteCount: (end - from) * MemoryLayout<Element>.stride)
    }
    var index = 0
    while index < number {
      if shift[index] <= 0 {
        write(index, base + edits[index].from + shiftBefore(index))
        moveSegment(after: index)
        index += 1
      } else {
        var last = index
        while last + 1 < number && shift[last + 1] > 0 { last += 1 }
        for current in stride(from: last, through: index, by: -1) {
          moveSegment(after: current)
          write(current, base + edits[current].from + shiftBefore(current))
        }
        index = last + 1
      }
    }
    return count + total
  }

  /// Decodes the scalar at byte `index` of valid UTF-8.
  @inline(__always)
  static func decode(_ bytes: UnsafeMutablePointer<UInt8>, at index: Int) -> (
    value: UInt32, length: Int
  ) {
    let lead = bytes[index]
    if lead < 0x80 { return (UInt32(lead), 1) }
    return MainPass.decode(UnsafePointer(bytes), at: index, lead: lead)
  }
}
