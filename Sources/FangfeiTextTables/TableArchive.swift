/// The binary form of the normaliser's tables, embedded into FangfeiText at build time as
/// base64 text (one string literal per section) and read back when the first normaliser is
/// created, instead of deriving the tables again in every process.
///
/// Each section starts with a tag and the format version; integers are little-endian; an
/// array is its element count (`UInt32`) followed by its elements; a ``PagedTable`` is its
/// page offsets and its pages, with equal pages stored once and each page stored as its
/// differences from the zero page or from the page before it (a 256-bit mask of the entries
/// that differ, then their values): the pages of the ideograph planes differ from each other
/// in a few entries only. `NormalizerTablesTool` writes the sections; the `decode…` functions
/// return `nil` for anything that is not a well-formed section of this version, so that a
/// damaged archive can never produce out-of-bounds tables.
package enum TableArchive {
  /// The version of the layout; bump it whenever the layout changes.
  static let version: UInt32 = 1

  /// The tags of the sections (four ASCII letters).
  enum Tag: UInt32 {
    case classes = 0x5353_4C43  // "CLSS"
    case mapping = 0x5050_414D  // "MAPP"
    case unicodeData = 0x4154_4144  // "DATA"
    case pairs = 0x5352_4150  // "PAIR"
  }

  // MARK: Sections

  /// The classes of every scalar (``UnicodeData/classes``, also ``ScalarMapping/classes``).
  package static func encode(classes: PagedTable<UInt8>) -> [UInt8] {
    var writer = Writer(.classes)
    writer.write(classes)
    return writer.bytes
  }

  /// Reads a section written by ``encode(classes:)``.
  package static func decodeClasses(_ bytes: [UInt8]) -> PagedTable<UInt8>? {
    var reader = Reader(bytes)
    guard reader.start(.classes), let classes = reader.table(UInt8.self), reader.isAtEnd else {
      return nil
    }
    return classes
  }

  /// A ``ScalarMapping`` without its classes (they are their own section).
  package static func encode(mapping: ScalarMapping) -> [UInt8] {
    var writer = Writer(.mapping)
    writer.write(mapping.table)
    writer.write(mapping.postTable)
    writer.write(mapping.expansionStarts)
    writer.write(mapping.expansionScalars)
    writer.write(mapping.expansionClasses)
    writer.write(mapping.plainUnifiedIdeographs)
    return writer.bytes
  }

  /// Reads a section written by ``encode(mapping:)``, completed with `classes`.
  package static func decodeMapping(_ bytes: [UInt8], classes: PagedTable<UInt8>) -> ScalarMapping? {
    var reader = Reader(bytes)
    guard reader.start(.mapping), let table = reader.table(UInt32.self),
      let postTable = reader.table(UInt32.self), let starts = reader.array(UInt32.self),
      let scalars = reader.array(UInt32.self), let scalarClasses = reader.array(UInt8.self),
      let plain = reader.array(UInt64.self), reader.isAtEnd
    else { return nil }
    return ScalarMapping(
      table: table, postTable: postTable, expansionStarts: starts, expansionScalars: scalars,
      expansionClasses: scalarClasses, classes: classes, plainUnifiedIdeographs: plain)
  }

  /// ``UnicodeData`` without its classes (they are their own section).
  package static func encode(unicodeData data: UnicodeData) -> [UInt8] {
    var writer = Writer(.unicodeData)
    writer.write(data.compatibilityMappings)
    writer.write(data.lowercaseMappings)
    writer.write(data.formatScalars)
    writer.write(data.combiningScalars)
    return writer.bytes
  }

  /// Reads a section written by ``encode(unicodeData:)``, completed with `classes`.
  package static func decodeUnicodeData(_ bytes: [UInt8], classes: PagedTable<UInt8>) -> UnicodeData? {
    var reader = Reader(bytes)
    guard reader.start(.unicodeData), let compatibility = reader.mappings(),
      let lowercase = reader.mappings(), let format = reader.array(UInt32.self),
      let combining = reader.array(UInt32.self), reader.isAtEnd
    else { return nil }
    return UnicodeData(
      compatibilityMappings: compatibility, lowercaseMappings: lowercase,
      formatScalars: Array(format), combiningScalars: Array(combining), classes: classes)
  }

  /// The (traditional, simplified) pairs of an OpenCC character table.
  package static func encode(pairs: [(UInt32, UInt32)]) -> [UInt8] {
    var writer = Writer(.pairs)
    writer.write(pairs.map(\.0))
    writer.write(pairs.map(\.1))
    return writer.bytes
  }

  /// Reads a section written by ``encode(pairs:)``.
  package static func decodePairs(_ bytes: [UInt8]) -> [(UInt32, UInt32)]? {
    var reader = Reader(bytes)
    guard reader.start(.pairs), let sources = reader.array(UInt32.self),
      let targets = reader.array(UInt32.self), sources.count == targets.count, reader.isAtEnd
    else { return nil }
    return Array(zip(sources, targets))
  }

  // MARK: Base64

  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// `bytes` as base64 without padding, broken into lines of `lineLength` characters (a
  /// multiple of 4), each followed by a line feed.
  package static func base64(_ bytes: [UInt8], lineLength: Int = 100) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count / 3 * 4 + bytes.count / lineLength + 8)
    var column = 0
    func put(_ sextet: UInt32) {
      text.append(alphabet[Int(sextet & 0x3F)])
      column += 1
      if column == lineLength {
        text.append(0x0A)
        column = 0
      }
    }
    var index = 0
    while index < bytes.count {
      let count = min(3, bytes.count - index)
      var group: UInt32 = 0
      for offset in 0..<3 {
        group = group << 8 | (offset < count ? UInt32(bytes[index + offset]) : 0)
      }
      for sextet in 0...count { put(group >> UInt32(18 - 6 * sextet)) }
      index += 3
    }
    if column > 0 { text.append(0x0A) }
    return String(decoding: text, as: UTF8.self)
  }

  /// For each byte, its base64 value; 0x40 for a line feed (skipped), 0xFF for anything else.
  private static let base64Values: [UInt8] = {
    var values = [UInt8](repeating: 0xFF, count: 256)
    for (value, character) in alphabet.enumerated() { values[Int(character)] = UInt8(value) }
    values[0x0A] = 0x40
    return values
  }()

  /// The bytes of base64 text written by ``base64(_:lineLength:)`` (line feeds are
  /// skipped); `nil` if it holds anything else or ends in the middle of a byte with bits set.
  package static func bytes(fromBase64 text: StaticString) -> [UInt8]? {
    text.withUTF8Buffer { bytes(fromBase64: $0) }
  }

  /// The bytes of base64 text written by ``base64(_:lineLength:)``. Whole groups of four
  /// characters are decoded at once (a line holds whole groups); line feeds and the last,
  /// incomplete group go character by character.
  package static func bytes(fromBase64 text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    base64Values.withUnsafeBufferPointer { values -> [UInt8]? in
      var failed = false
      let result = [UInt8](unsafeUninitializedCapacity: text.count / 4 * 3 + 3) { output, count in
        var accumulator: UInt32 = 0
        var bits: UInt32 = 0
        var written = 0
        var index = 0
        while index < text.count {
          if bits == 0 && text.count - index >= 4 {
            let a = values[Int(text[index])]
            let b = values[Int(text[index &+ 1])]
            let c = values[Int(text[index &+ 2])]
            let d = values[Int(text[index &+ 3])]
            if a | b | c | d < 0x40 {
              let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
              output[written] = UInt8(truncatingIfNeeded: group >> 16)
              output[written &+ 1] = UInt8(truncatingIfNeeded: group >> 8)
              output[written &+ 2] = UInt8(truncatingIfNeeded: group)
              written &+= 3
              index &+= 4
              continue
            }
          }
          let value = values[Int(text[index])]
          index &+= 1
          guard value < 0x40 else {
            if value == 0x40 { continue }
            failed = true
            break
          }
          accumulator = accumulator << 6 | UInt32(value)
          bits += 6
          if bits >= 8 {
            bits -= 8
            output[written] = UInt8(truncatingIfNeeded: accumulator >> bits)
            written &+= 1
          }
        }
        if bits >= 6 || accumulator & ((1 << bits) - 1) != 0 { failed = true }
        count = written
      }
      return failed ? nil : result
    }
  }

  // MARK: Writing and reading

  /// Appends little-endian values to a section.
  struct Writer {
    private(set) var bytes: [UInt8] = []

    /// A section with `tag`, starting with the tag and the version.
    init(_ tag: Tag) {
      write(tag.rawValue)
      write(TableArchive.version)
    }

    /// One integer.
    mutating func write<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// An array: the count, then the elements.
    mutating func write<C: Collection>(_ values: C) where C.Element: FixedWidthInteger {
      write(UInt32(truncatingIfNeeded: values.count))
      for value in values { write(value) }
    }

    /// A table: its page offsets (with equal pages shared), the number of pages, and every
    /// page after the zero page as its reference (0: the zero page, 1: the page before), the
    /// mask of the entries that differ from the reference, and their values.
    mutating func write<T>(_ table: PagedTable<T>) {
      let compact = table.sharingEqualPages()
      write(compact.pageOffsets)
      let storage = compact.storage
      let pageCount = storage.count / 256
      write(UInt32(truncatingIfNeeded: pageCount))
      for page in 1..<max(pageCount, 1) {
        let start = page * 256
        /// The indices in the page where it differs from the page at `reference`.
        func differences(from reference: Int) -> [Int] {
          (0..<256).filter { storage[start + $0] != storage[reference + $0] }
        }
        let fromZero = differences(from: 0)
        let fromPrevious = differences(from: start - 256)
        let usesPrevious = fromPrevious.count < fromZero.count
        let indices = usesPrevious ? fromPrevious : fromZero
        write(UInt8(usesPrevious ? 1 : 0))
        var mask = [UInt64](repeating: 0, count: 4)
        for index in indices { mask[index >> 6] |= 1 << UInt64(index & 63) }
        for word in mask { write(word) }
        for index in indices { write(storage[start + index]) }
      }
    }

    /// Scalars with their mappings: the scalars, the start of each mapping in the
    /// concatenation of all of them (plus its end), and that concatenation.
    mutating func write(_ mappings: [(scalar: UInt32, mapping: [UInt32])]) {
      write(mappings.map(\.scalar))
      var starts: [UInt32] = [0]
      for (_, mapping) in mappings {
        starts.append((starts.last ?? 0) + UInt32(truncatingIfNeeded: mapping.count))
      }
      write(starts)
      write(mappings.flatMap(\.mapping))
    }
  }

  /// Reads a section; every read checks the bounds and returns `nil` past the end.
  struct Reader {
    let bytes: [UInt8]
    private var offset = 0

    /// A reader at the start of `bytes`.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte has been read (a section must not have bytes left over).
    var isAtEnd: Bool { offset == bytes.count }

    /// Reads the tag and version; whether they are `tag` and ``TableArchive/version``.
    mutating func start(_ tag: Tag) -> Bool {
      read(UInt32.self) == tag.rawValue && read(UInt32.self) == TableArchive.version
    }

    /// One integer.
    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
      let size = MemoryLayout<T>.size
      guard bytes.count - offset >= size else { return nil }
      defer { offset += size }
      return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    /// An array, as written by the writer.
    mutating func array<T: FixedWidthInteger>(_: T.Type) -> ContiguousArray<T>? {
      guard let count = read(UInt32.self).map(Int.init) else { return nil }
      let size = MemoryLayout<T>.size
      guard (bytes.count - offset) / size >= count else { return nil }
      let start = offset
      offset += count * size
      return bytes.withUnsafeBytes { raw in
        ContiguousArray(unsafeUninitializedCapacity: count) { buffer, initialized in
          for index in 0..<count {
            buffer[index] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * size, as: T.self))
          }
          initialized = count
        }
      }
    }

    /// A table, as written by the writer.
    mutating func table<T>(_: T.Type) -> PagedTable<T>? {
      guard let offsets = array(UInt32.self), let pageCount = read(UInt32.self).map(Int.init),
        pageCount >= 1, pageCount <= PagedTable<T>.pageCount + 1
      else { return nil }
      let size = MemoryLayout<T>.size
      var position = offset
      var storage = ContiguousArray<T>(repeating: 0, count: pageCount * 256)
      let complete = bytes.withUnsafeBytes { raw in
        storage.withUnsafeMutableBufferPointer { pages -> Bool in
          for page in 1..<pageCount {
            // The reference (0: the zero page, 1: the page before), the mask, the values.
            guard raw.count - position >= 33, raw[position] <= 1 else { return false }
            let start = page * 256
            if raw[position] == 1 {
              for index in start..<(start + 256) { pages[index] = pages[index - 256] }
            }
            let masks = position + 1
            position += 33
            for word in 0..<4 {
              var mask = UInt64(
                littleEndian: raw.loadUnaligned(fromByteOffset: masks + 8 * word, as: UInt64.self))
              guard (raw.count - position) / size >= mask.nonzeroBitCount else { return false }
              while mask != 0 {
                pages[start + 64 * word + mask.trailingZeroBitCount] = T(
                  littleEndian: raw.loadUnaligned(fromByteOffset: position, as: T.self))
                position += size
                mask &= mask - 1
              }
            }
          }
          return true
        }
      }
      guard complete else { return nil }
      offset = position
      return PagedTable(pageOffsets: offsets, storage: storage)
    }

    /// Scalars with their mappings, as written by the writer.
    mutating func mappings() -> [(scalar: UInt32, mapping: [UInt32])]? {
      guard let scalars = array(UInt32.self), let starts = array(UInt32.self),
        let all = array(UInt32.self), starts.count == scalars.count + 1, starts.first == 0,
        zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }), starts.last.map(Int.init) == all.count
      else { return nil }
      return scalars.indices.map { index in
        (scalars[index], Array(all[Int(starts[index])..<Int(starts[index + 1])]))
      }
    }
  }
}
