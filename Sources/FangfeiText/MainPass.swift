internal import FangfeiTextTables
import Foundation

/// The main pass: decodes the original UTF-8 once and, scalar by scalar, applies steps 1-4
/// (one table lookup), step 5 (noise runs are written, then cut off again when they turn
/// out to sit between two Han characters) and writes the UTF-8 output and offset map. It
/// also records where numerals begin, for ``NumeralPass``.
struct MainPass {
  let mapping: ScalarMapping
  let removesSeparators: Bool
  let findsNumerals: Bool

  /// Longest run of combining scalars normalised as one sequence (Unicode's stream-safe
  /// limit is 30); longer runs are cut so that hostile input stays linear.
  static let maximumCombiningRun = 32

  /// What step 5 does with a finished noise run.
  enum RunDecision {
    case keep
    case drop
    /// Spaces between two digits: dropped if the right digit also stands alone (`3 6 %`),
    /// which is known only at the next scalar.
    case joinIfSingle
  }

  /// Step 5's rule for a noise run with the kinds `run` between `left` and `right`:
  /// between two Han characters any noise goes; between a digit and a Han character (either
  /// order), or before `%` after a digit, only spaces go; spaces between two digits go when
  /// both digits stand alone (`3 6 %`, not `2023 18`).
  @inline(__always)
  static func decide(left: UInt8, right: UInt8, run: UInt8, leftIsSingleDigit: Bool)
    -> RunDecision
  {
    let han = ScalarClass.han
    let digit = ScalarClass.digit
    if left & han != 0 && right & han != 0 { return .drop }
    guard run == ScalarClass.space else { return .keep }
    if left & han != 0 { return right & digit != 0 ? .drop : .keep }
    guard left & digit != 0 else { return .keep }
    if right & (han | ScalarClass.percent) != 0 { return .drop }
    return right & digit != 0 && leftIsSingleDigit ? .joinIfSingle : .keep
  }

  /// Runs the pass over `source` (valid UTF-8) into `out`, whose storage is reused (its
  /// previous contents are dropped).
  func run(_ source: UnsafeBufferPointer<UInt8>, into out: inout PassOutput) {
    // Invariant of `State`: room for one byte and one start per remaining source byte
    // (single-scalar mappings never grow); other paths call `ensure`. Untouched capacity
    // costs nothing.
    out.reuse(byteCapacity: source.count + 64, scalarCapacity: source.count + 64)
    guard let base = source.baseAddress else { return }
    mapping.table.withReader { table in
      var state = State(pass: self, table: table, source: base, count: source.count, out: out)
      // The state's copy is the only one while it runs, so appending never copies the lists.
      out.exceptions = []
      out.candidates = []
      state.run()
      out = state.finish()
    }
  }

  /// The mutable state of one run (a struct, so that all accesses are statically checked).
  struct State {
    let pass: MainPass
    let table: PagedTable<UInt32>.Reader
    let source: UnsafePointer<UInt8>
    let count: Int
    var out: PassOutput
    var bytes: UnsafeMutablePointer<UInt8>
    var starts: UnsafeMutablePointer<UInt32>
    var byteCount = 0
    var scalarCount = 0
    var index = 0
    var scalarIndex: UInt32 = 0
    var changed = false
    // Step 5.
    /// Class of the last output scalar that is not noise.
    var left: UInt8 = 0
    /// Class of the last output scalar (noise included).
    var lastClass: UInt8 = 0
    /// Whether `left` is a digit without a digit right before it.
    var leftIsSingleDigit = false
    /// Start (scalar index, byte offset) of the noise run at the end of the output, or -1.
    var runStart = -1
    var runByte = 0
    var runKinds: UInt8 = 0
    /// A digit written after spaces that follow a single digit (`3 6`), joined to it unless
    /// another digit follows; -1 when none.
    var joinDigit = -1
    var joinRunStart = 0
    var joinRunByte = 0
    /// Source byte offset just after the last chat emoticon code removed, or -1.
    var removedCodeEnd = -1

    init(
      pass: MainPass, table: PagedTable<UInt32>.Reader, source: UnsafePointer<UInt8>, count: Int,
      out: PassOutput
    ) {
      self.pass = pass
      self.table = table
      self.source = source
      self.count = count
      self.out = out
      bytes = out.bytes.base
      starts = out.starts.base
    }

    mutating func finish() -> PassOutput {
      if joinDigit >= 0 { resolveJoin(nextIsDigit: false) }
      out.bytes.count = byteCount
      out.starts.count = scalarCount
      out.changed = changed
      out.originalScalars = Int(scalarIndex)
      return out
    }

    mutating func run() {
      pass.mapping.plainUnifiedIdeographs.withUnsafeBufferPointer { run(plain: $0) }
    }

    /// The main loop. The two common cases — an ideograph that stays as it is and plain
    /// ASCII — run on local copies of the counters; everything else goes through `step`.
    mutating func run(plain: UnsafeBufferPointer<UInt64>) {
      let source = self.source
      let count = self.count
      let bytes = self.bytes
      let starts = self.starts
      var index = self.index
      var scalarIndex = self.scalarIndex
      var byteCount = self.byteCount
      var scalarCount = self.scalarCount
      var idle = runStart < 0 && joinDigit < 0
      var lastClass = self.lastClass
      while index < count {
        let lead = source[index]
        if idle {
          if lead &- 0xE4 < 6 {
            // An ideograph U+4E00...U+9FFF that stays as it is.
            let second = source[index &+ 1]
            let third = source[index &+ 2]
            let value =
              (UInt32(lead & 0x0F) << 12) | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
            let offset = Int(value) - 0x4E00
            if offset >= 0 && (plain[offset >> 6] >> UInt64(offset & 63)) & 1 != 0 {
              lastClass = ScalarClass.han
              bytes[byteCount] = lead
              bytes[byteCount &+ 1] = second
              bytes[byteCount &+ 2] = third
              byteCount &+= 3
              starts[scalarCount] = scalarIndex
              scalarCount &+= 1
              index &+= 3
              scalarIndex &+= 1
              continue
            }
          }
          if lead < 0x80 {
            // ASCII that is not a digit, space, separator or `%` (class 0).
            let entry = table(UInt32(lead))
            if entry >> ScalarMapping.classShift == 0 {
              lastClass = 0
              bytes[byteCount] = lead
              byteCount &+= 1
              starts[scalarCount] = scalarIndex
              scalarCount &+= 1
              index &+= 1
              scalarIndex &+= 1
              continue
            }
            if entry >> ScalarMapping.kindShift == ScalarMapping.replace
              && (entry >> ScalarMapping.classShift) & 0xFF == 0
            {
              lastClass = 0
              bytes[byteCount] = UInt8(truncatingIfNeeded: entry)
              byteCount &+= 1
              starts[scalarCount] = scalarIndex
              scalarCount &+= 1
              index &+= 1
              scalarIndex &+= 1
              changed = true
              continue
            }
          } else {
            // Any other scalar that stays or becomes one scalar of class 0 or Han (CJK
            // punctuation, traditional characters, full-width letters).
            let (value, length) = MainPass.decode(source, at: index, lead: lead)
            let entry = table(value)
            let kind = entry >> ScalarMapping.kindShift
            let classBits = UInt8(truncatingIfNeeded: entry >> ScalarMapping.classShift)
            if kind <= ScalarMapping.replace && classBits & ~ScalarClass.han == 0 {
              lastClass = classBits
              if kind == ScalarMapping.identity {
                for offset in 0..<length { bytes[byteCount &+ offset] = source[index &+ offset] }
                byteCount &+= length
              } else {
                byteCount &+= MainPass.encode(
                  entry & ScalarMapping.payloadMask, into: bytes + byteCount)
                changed = true
              }
              starts[scalarCount] = scalarIndex
              scalarCount &+= 1
              index &+= length
              scalarIndex &+= 1
              continue
            }
          }
        }
        // Everything else: synchronise, take one general step, reload.
        if idle { left = lastClass }
        self.lastClass = lastClass
        self.index = index
        self.scalarIndex = scalarIndex
        self.byteCount = byteCount
        self.scalarCount = scalarCount
        step(lead)
        index = self.index
        scalarIndex = self.scalarIndex
        byteCount = self.byteCount
        scalarCount = self.scalarCount
        lastClass = self.lastClass
        idle = runStart < 0 && joinDigit < 0
        if self.bytes != bytes || self.starts != starts {
          // Buffers moved: continue in a fresh loop with the new pointers.
          run(plain: plain)
          return
        }
      }
      self.index = index
      self.scalarIndex = scalarIndex
      self.byteCount = byteCount
      self.scalarCount = scalarCount
      if idle { left = lastClass }
      self.lastClass = lastClass
    }

    /// One source scalar in the general way.
    mutating func step(_ lead: UInt8) {
      if lead == 0x5B && pass.removesSeparators {
        let length = ChatEmoticon.codeLength(source, at: index, count: count)
        if length > 0 {
          removeCode(bytes: length)
          return
        }
      }
      let value: UInt32
      let length: Int
      if lead < 0x80 {
        value = UInt32(lead)
        length = 1
      } else {
        (value, length) = MainPass.decode(source, at: index, lead: lead)
      }
      let entry = table(value)
      let kind = entry >> ScalarMapping.kindShift
      guard kind <= ScalarMapping.replace else {
        slowPath(kind: kind, entry: entry, length: length)
        return
      }
      prepare(UInt8(truncatingIfNeeded: entry >> ScalarMapping.classShift))
      if kind == ScalarMapping.identity {
        for offset in 0..<length { bytes[byteCount + offset] = source[index + offset] }
        byteCount += length
      } else {
        byteCount += MainPass.encode(entry & ScalarMapping.payloadMask, into: bytes + byteCount)
        changed = true
      }
      starts[scalarCount] = scalarIndex
      scalarCount += 1
      index += length
      scalarIndex += 1
    }

    /// Step 5: removes the chat emoticon code of `length` bytes at `index` the way step 3
    /// removes a format character — nothing is written, so the noise rules see the text around
    /// it as adjacent, and the output scalars around it keep pointing at their own sources.
    mutating func removeCode(bytes length: Int) {
      var scalars: UInt32 = 0
      for offset in index..<(index + length) where source[offset] & 0xC0 != 0x80 { scalars &+= 1 }
      index += length
      scalarIndex &+= scalars
      removedCodeEnd = index
      changed = true
    }

    /// Deletions, expansions, longer replacements and combining sequences.
    mutating func slowPath(kind: UInt32, entry: UInt32, length: Int) {
      switch kind {
      case ScalarMapping.delete:
        changed = true
      case ScalarMapping.combining:
        combine()
        return
      case ScalarMapping.expansion:
        let mapping = pass.mapping
        let number = Int(truncatingIfNeeded: entry & ScalarMapping.payloadMask)
        let first = Int(mapping.expansionStarts[number])
        let end = Int(mapping.expansionStarts[number + 1])
        ensure(extraBytes: 4 * (end - first), extraScalars: end - first)
        for position in first..<end {
          emit(
            mapping.expansionScalars[position], mapping.expansionClasses[position],
            start: scalarIndex, end: scalarIndex &+ 1)
        }
        changed = true
      default:
        ensure(extraBytes: 4, extraScalars: 1)
        emit(
          entry & ScalarMapping.payloadMask,
          UInt8(truncatingIfNeeded: entry >> ScalarMapping.classShift),
          start: scalarIndex, end: scalarIndex &+ 1)
        changed = true
      }
      index += length
      scalarIndex += 1
    }

    /// Makes room beyond the invariant.
    mutating func ensure(extraBytes: Int, extraScalars: Int) {
      out.bytes.count = byteCount
      out.starts.count = scalarCount
      out.bytes.reserve(extraBytes + (count - index) + 64)
      out.starts.reserve(extraScalars + (count - index) + 64)
      bytes = out.bytes.base
      starts = out.starts.base
    }

    mutating func truncate(scalars newCount: Int, bytes newByteCount: Int) {
      scalarCount = newCount
      byteCount = newByteCount
      let limit = UInt32(truncatingIfNeeded: newCount)
      while let last = out.exceptions.last, last.index >= limit { out.exceptions.removeLast() }
      while let last = out.candidates.last, last.scalar >= newCount { out.candidates.removeLast() }
    }

    /// Resolves a pending digit join once the scalar after the digit is known.
    mutating func resolveJoin(nextIsDigit: Bool) {
      let digit = joinDigit
      joinDigit = -1
      guard !nextIsDigit, digit == scalarCount - 1,
        starts[digit] & PassOutput.explicitEnd == 0,
        (out.exceptions.last?.index).map({ Int($0) < joinRunStart }) ?? true
      else { return }
      bytes[joinRunByte] = bytes[byteCount - 1]
      starts[joinRunStart] = starts[digit]
      truncate(scalars: joinRunStart + 1, bytes: joinRunByte + 1)
      changed = true
    }

    /// Steps 5 and 6 bookkeeping before an output scalar of class `classBits` is written;
    /// may cut off the noise run before it.
    mutating func prepare(_ classBits: UInt8) {
      if joinDigit >= 0 { resolveJoin(nextIsDigit: classBits & ScalarClass.digit != 0) }
      if pass.removesSeparators {
        if classBits & ScalarClass.noise != 0 {
          if runStart < 0 {
            runStart = scalarCount
            runByte = byteCount
            runKinds = 0
          }
          runKinds |= classBits
          lastClass = classBits
          return
        }
        if runStart >= 0 { finishRun(before: classBits) }
        let isDigit = classBits & ScalarClass.digit != 0
        leftIsSingleDigit = isDigit && lastClass & ScalarClass.digit == 0
        left = classBits
      }
      if pass.findsNumerals {
        let numeralish = ScalarClass.digit | ScalarClass.numeral
        if classBits & numeralish != 0 && lastClass & numeralish == 0 {
          out.candidates.append((scalarCount, byteCount))
        }
      }
      lastClass = classBits
    }

    /// Decides what happens to the noise run that ends before a scalar of class `right`.
    mutating func finishRun(before right: UInt8) {
      switch MainPass.decide(
        left: left, right: right, run: runKinds, leftIsSingleDigit: leftIsSingleDigit)
      {
      case .keep:
        break
      case .drop:
        truncate(scalars: runStart, bytes: runByte)
        changed = true
        lastClass = left
      case .joinIfSingle:
        joinDigit = scalarCount
        joinRunStart = runStart
        joinRunByte = runByte
      }
      runStart = -1
    }

    /// Writes one scalar on a slow path (capacity already ensured).
    mutating func emit(_ value: UInt32, _ classBits: UInt8, start: UInt32, end: UInt32) {
      prepare(classBits)
      byteCount += MainPass.encode(value, into: bytes + byteCount)
      if end &- start != 1 {
        starts[scalarCount] = start | PassOutput.explicitEnd
        out.exceptions.append((UInt32(truncatingIfNeeded: scalarCount), end))
      } else {
        starts[scalarCount] = start
      }
      scalarCount += 1
    }

    /// Steps 2-4 applied to one scalar produced by NFKC.
    func postMap(_ value: UInt32, into produced: inout [(value: UInt32, classBits: UInt8)]) {
      let mapping = pass.mapping
      let entry = mapping.postTable[value]
      let classBits = UInt8(truncatingIfNeeded: entry >> ScalarMapping.classShift)
      switch entry >> ScalarMapping.kindShift {
      case ScalarMapping.identity:
        produced.append((value, mapping.classes[value]))
      case ScalarMapping.replace, ScalarMapping.replaceLonger:
        produced.append((entry & ScalarMapping.payloadMask, classBits))
      case ScalarMapping.expansion:
        let number = Int(truncatingIfNeeded: entry & ScalarMapping.payloadMask)
        let first = Int(mapping.expansionStarts[number])
        let last = Int(mapping.expansionStarts[number + 1])
        for position in first..<last {
          produced.append((mapping.expansionScalars[position], mapping.expansionClasses[position]))
        }
      default:
        break  // removed
      }
    }

    /// Takes back the output of the source scalar before `index` (unflagged starts equal to
    /// `scalarIndex - 1` at the end of the output), so that it can be normalised again
    /// together with the combining marks after it.
    mutating func takeBackPreviousScalar() {
      let previous = scalarIndex &- 1
      var newCount = scalarCount
      var newByteCount = byteCount
      while newCount > 0 && starts[newCount - 1] == previous {
        newCount -= 1
        newByteCount -= 1
        while newByteCount > 0 && bytes[newByteCount] & 0xC0 == 0x80 { newByteCount -= 1 }
      }
      guard newCount < scalarCount else { return }
      if runStart >= newCount { runStart = -1 }
      truncate(scalars: newCount, bytes: newByteCount)
      lastClass = left
    }

    /// Normalises the combining sequence made of the scalar before `index` (its base,
    /// unless that is itself a combining scalar) and the combining scalars from `index`,
    /// with Foundation's NFKC followed by steps 2-4. Every output scalar maps to the whole
    /// sequence.
    mutating func combine() {
      joinDigit = -1
      var sequenceByte = index
      var sequenceScalar = scalarIndex
      // After a removed emoticon code the marks have no base (its `]` must not come back).
      if index > 0 && index != removedCodeEnd {
        var previous = index - 1
        while previous > 0 && source[previous] & 0xC0 == 0x80 { previous -= 1 }
        let lead = source[previous]
        let value = lead < 0x80 ? UInt32(lead) : MainPass.decode(source, at: previous, lead: lead).0
        if table(value) >> ScalarMapping.kindShift != ScalarMapping.combining {
          sequenceByte = previous
          sequenceScalar = scalarIndex - 1
          takeBackPreviousScalar()
        }
      }
      var end = index
      var endScalar = scalarIndex
      var marks = 0
      while end < count && marks < MainPass.maximumCombiningRun {
        let lead = source[end]
        let (value, length) =
          lead < 0x80 ? (UInt32(lead), 1) : MainPass.decode(source, at: end, lead: lead)
        if marks > 0 && table(value) >> ScalarMapping.kindShift != ScalarMapping.combining {
          break
        }
        end += length
        endScalar += 1
        marks += 1
      }
      let original = String(
        decoding: UnsafeBufferPointer(start: source + sequenceByte, count: end - sequenceByte),
        as: UTF8.self)
      let originalScalars = original.unicodeScalars.map(\.value)
      let normalized = original.precomposedStringWithCompatibilityMapping.unicodeScalars.map(
        \.value)
      var produced: [(value: UInt32, classBits: UInt8)] = []
      if normalized == originalScalars {
        // NFKC changes nothing here: steps 2-4 apply scalar by scalar, each output mapping
        // to its own source scalar.
        for (offset, value) in originalScalars.enumerated() {
          produced.removeAll(keepingCapacity: true)
          postMap(value, into: &produced)
          if produced.count != 1 || produced[0].value != value { changed = true }
          ensure(extraBytes: 4 * produced.count, extraScalars: produced.count)
          let start = sequenceScalar &+ UInt32(truncatingIfNeeded: offset)
          for scalar in produced {
            emit(scalar.value, scalar.classBits, start: start, end: start &+ 1)
          }
        }
      } else {
        // Every output maps to the whole sequence.
        for value in normalized { postMap(value, into: &produced) }
        changed = true
        ensure(extraBytes: 4 * produced.count, extraScalars: produced.count)
        for scalar in produced {
          emit(scalar.value, scalar.classBits, start: sequenceScalar, end: endScalar)
        }
      }
      index = end
      scalarIndex = endScalar
    }
  }

  /// Decodes the scalar at `index` of valid UTF-8 whose first byte `lead` is >= 0x80.
  @inline(__always)
  static func decode(_ base: UnsafePointer<UInt8>, at index: Int, lead: UInt8) -> (UInt32, Int) {
    if lead < 0xE0 {
      return ((UInt32(lead & 0x1F) << 6) | UInt32(base[index + 1] & 0x3F), 2)
    }
    if lead < 0xF0 {
      return (
        (UInt32(lead & 0x0F) << 12) | (UInt32(base[index + 1] & 0x3F) << 6)
          | UInt32(base[index + 2] & 0x3F), 3
      )
    }
    return (
      (UInt32(lead & 0x07) << 18) | (UInt32(base[index + 1] & 0x3F) << 12)
        | (UInt32(base[index + 2] & 0x3F) << 6) | UInt32(base[index + 3] & 0x3F), 4
    )
  }

  /// Writes the UTF-8 of `value` at `target`; returns the byte count.
  @inline(__always)
  static func encode(_ value: UInt32, into target: UnsafeMutablePointer<UInt8>) -> Int {
    if value < 0x80 {
      target[0] = UInt8(truncatingIfNeeded: value)
      return 1
    }
    if value < 0x800 {
      target[0] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
      target[1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
      return 2
    }
    if value < 0x1_0000 {
      target[0] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
      target[1] = UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F)
      target[2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
      return 3
    }
    target[0] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
    target[1] = UInt8(truncatingIfNeeded: 0x80 | (value >> 12) & 0x3F)
    target[2] = UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F)
    target[3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
    return 4
  }
}
