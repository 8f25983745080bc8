import FangfeiText
import FangfeiTextTables
import Testing

/// The tables embedded at build time (NormalizerTables plugin) against the tables computed at
/// run time the old way: Unicode data derived from the standard library and Foundation, the
/// character table from OpenCC's `t2s.json`, and the mapping composed from them.
@Suite("Embedded normaliser tables")
struct EmbeddedTablesTests {
  /// The tables computed at run time, once for the suite (about 0.2 s optimised, a few
  /// seconds in a debug build).
  static let computed: Result<(data: UnicodeData, pairs: [(UInt32, UInt32)], mapping: ScalarMapping), Error> =
    Result {
      let data = UnicodeData.derive()
      let pairs = try TraditionalChineseTable.build(configuration: TraditionalChineseTable.defaultConfiguration)
      return (data, pairs, ScalarMapping(steps: .all, data: data, simplified: pairs))
    }

  /// Every scalar value, 0...0x10FFFF (surrogates included: the tables hold zero there).
  static let allScalars: ClosedRange<UInt32> = 0...0x10FFFF

  @Test func embeddedMappingEqualsComputedMappingForEveryScalar() throws {
    let computed = try Self.computed.get().mapping
    let embedded = try #require(NormalizerTables.embeddedMapping)
    var tableDifferences: [UInt32] = []
    var postTableDifferences: [UInt32] = []
    var classDifferences: [UInt32] = []
    for value in Self.allScalars {
      if embedded.table[value] != computed.table[value] { tableDifferences.append(value) }
      if embedded.postTable[value] != computed.postTable[value] { postTableDifferences.append(value) }
      if embedded.classes[value] != computed.classes[value] { classDifferences.append(value) }
    }
    #expect(tableDifferences.isEmpty, "table differs at \(tableDifferences.prefix(20).map { hex($0) })")
    #expect(postTableDifferences.isEmpty, "post table differs at \(postTableDifferences.prefix(20).map { hex($0) })")
    #expect(classDifferences.isEmpty, "classes differ at \(classDifferences.prefix(20).map { hex($0) })")
    #expect(embedded.expansionStarts == computed.expansionStarts)
    #expect(embedded.expansionScalars == computed.expansionScalars)
    #expect(embedded.expansionClasses == computed.expansionClasses)
    #expect(embedded.plainUnifiedIdeographs == computed.plainUnifiedIdeographs)
    // Not vacuous: the tables do map (NFKC, lower-case, removal, 繁→简, expansions).
    #expect(computed.table[0xFF21] != 0 && computed.table[0x41] != 0 && computed.table[0x200B] != 0)
    #expect(computed.table[0x9AD4] != 0 && computed.expansionScalars.count > 1000)
  }

  @Test func embeddedUnicodeDataEqualsDerivedData() throws {
    let derived = try Self.computed.get().data
    let embedded = try #require(NormalizerTables.embeddedUnicodeData)
    func same(_ a: [(scalar: UInt32, mapping: [UInt32])], _ b: [(scalar: UInt32, mapping: [UInt32])]) -> Bool {
      a.elementsEqual(b) { $0.scalar == $1.scalar && $0.mapping == $1.mapping }
    }
    #expect(same(embedded.compatibilityMappings, derived.compatibilityMappings))
    #expect(same(embedded.lowercaseMappings, derived.lowercaseMappings))
    #expect(embedded.formatScalars == derived.formatScalars)
    #expect(embedded.combiningScalars == derived.combiningScalars)
    #expect(Self.allScalars.allSatisfy { embedded.classes[$0] == derived.classes[$0] })
    #expect(derived.compatibilityMappings.count > 1000 && derived.lowercaseMappings.count > 1000)
  }

  @Test func embeddedCharacterTableEqualsOpenCC() throws {
    let pairs = try Self.computed.get().pairs
    let embedded = try #require(NormalizerTables.embeddedPairs)
    #expect(embedded.map(\.0) == pairs.map(\.0))
    #expect(embedded.map(\.1) == pairs.map(\.1))
    #expect(pairs.count > 4000)
  }

  /// Mappings of other steps, composed at run time from the embedded data, equal those
  /// composed from the derived data (checked for every step left out in turn).
  @Test(arguments: 0..<4)
  func composedMappingsMatch(without step: Int) throws {
    let computed = try Self.computed.get()
    let data = try #require(NormalizerTables.embeddedUnicodeData)
    let pairs = try #require(NormalizerTables.embeddedPairs)
    var steps = ScalarSteps.all
    switch step {
    case 0: steps.compatibilityNormalization = false
    case 1: steps.caseFolding = false
    case 2: steps.formatCharacterRemoval = false
    default: steps.traditionalToSimplified = false
    }
    let fromEmbedded = ScalarMapping(steps: steps, data: data, simplified: pairs)
    let fromComputed = ScalarMapping(steps: steps, data: computed.data, simplified: computed.pairs)
    #expect(
      Self.allScalars.allSatisfy {
        fromEmbedded.table[$0] == fromComputed.table[$0]
          && fromEmbedded.postTable[$0] == fromComputed.postTable[$0]
      })
    #expect(fromEmbedded.expansionScalars == fromComputed.expansionScalars)
    #expect(fromEmbedded.plainUnifiedIdeographs == fromComputed.plainUnifiedIdeographs)
  }

  @Test func archiveRoundTripsAndRejectsDamage() throws {
    let mapping = try Self.computed.get().mapping
    let bytes = TableArchive.encode(mapping: mapping)
    let decoded = try #require(TableArchive.decodeMapping(bytes, classes: mapping.classes))
    #expect(Self.allScalars.allSatisfy { decoded.table[$0] == mapping.table[$0] })
    // Every cut-off archive, and one with a byte too many, is rejected.
    var generator = SystemRandomNumberGenerator()
    let cuts = Array(0..<64) + (0..<200).map { _ in Int.random(in: 0..<bytes.count, using: &generator) }
    for cut in cuts {
      #expect(TableArchive.decodeMapping(Array(bytes[..<cut]), classes: mapping.classes) == nil)
    }
    #expect(TableArchive.decodeMapping(bytes + [0], classes: mapping.classes) == nil)
    var wrongVersion = bytes
    wrongVersion[4] &+= 1
    #expect(TableArchive.decodeMapping(wrongVersion, classes: mapping.classes) == nil)
  }

  @Test func pagedTableRoundTripsAndStaysWritable() throws {
    var generator = SystemRandomNumberGenerator()
    var table = PagedTable<UInt32>()
    for _ in 0..<3000 {
      // Clustered values, so that pages repeat and differ in few entries.
      let value = UInt32.random(in: 0...0x10FFFF, using: &generator) & ~0xF0
      table.set(value, UInt32.random(in: 1...4, using: &generator))
    }
    for page: UInt32 in 0x200...0x240 {
      for low: UInt32 in 0..<256 { table.set(page << 8 | low, 7) }
    }
    table.set(0x20010, 9)
    let classes = PagedTable<UInt8>()
    let mapping = try #require(
      ScalarMapping(
        table: table, postTable: table, expansionStarts: [0], expansionScalars: [], expansionClasses: [],
        classes: classes, plainUnifiedIdeographs: ContiguousArray(repeating: 0, count: 328)))
    var decoded = try #require(
      TableArchive.decodeMapping(TableArchive.encode(mapping: mapping), classes: classes)?.table)
    #expect(decoded.storage.count < table.storage.count)  // equal pages stored once
    #expect(Self.allScalars.allSatisfy { decoded[$0] == table[$0] })
    // Writing to a page that shares its storage changes that scalar only.
    decoded.set(0x20020, 5)
    table.set(0x20020, 5)
    #expect(Self.allScalars.allSatisfy { decoded[$0] == table[$0] })
  }

  @Test func base64RoundTrips() throws {
    var generator = SystemRandomNumberGenerator()
    for length in Array(0..<70) + [1000, 4099] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      for lineLength in [4, 8, 100] {
        var text = Array(TableArchive.base64(bytes, lineLength: lineLength).utf8)
        let decoded = text.withUnsafeBufferPointer { TableArchive.bytes(fromBase64: $0) }
        #expect(decoded == bytes, "length \(length), lines of \(lineLength)")
        if !text.isEmpty {
          text[text.count / 2] = UInt8(ascii: "=")
          #expect(text.withUnsafeBufferPointer { TableArchive.bytes(fromBase64: $0) } == nil)
        }
      }
    }
    // A lone trailing character, or leftover bits that are set, is not the end of any bytes.
    for bad in ["QUJD\nQ", "QUJ", "QR"] {
      let text = Array(bad.utf8)
      #expect(text.withUnsafeBufferPointer { TableArchive.bytes(fromBase64: $0) } == nil, "\(bad)")
    }
    let text = Array("QUJDRA\n".utf8)
    #expect(text.withUnsafeBufferPointer { TableArchive.bytes(fromBase64: $0) } == Array("ABCD".utf8))
  }

  /// The default normaliser (embedded tables) and one with the mapping computed at run time
  /// give the same text and the same offsets on random texts of every kind of piece and
  /// arbitrary scalars.
  @Test func normalizersWithEmbeddedAndComputedTablesAgree() throws {
    let embedded = try Normalizer()
    let computed = Normalizer(options: NormalizerOptions(), mapping: try Self.computed.get().mapping)
    var random = SplitMix(state: 0x7AB1E5)
    for _ in 0..<400 {
      var text = String.UnicodeScalarView()
      for _ in 0..<(1 + random.below(40)) {
        if random.below(3) == 0, let scalar = Unicode.Scalar(UInt32(random.below(0x11_0000))) {
          text.append(scalar)
        } else {
          text.append(contentsOf: OffsetMapTests.pieces[random.below(OffsetMapTests.pieces.count)].unicodeScalars)
        }
      }
      let input = String(text)
      let a = embedded.normalize(input)
      let b = computed.normalize(input)
      #expect(sameScalars(a.text, b.text), "\(input.debugDescription)")
      #expect(a.isIdentity == b.isIdentity)
      #expect(
        (0..<a.scalarCount).allSatisfy {
          a.originalScalarRange(scalarRange: $0..<($0 + 1)) == b.originalScalarRange(scalarRange: $0..<($0 + 1))
        })
    }
  }
}

private func hex(_ value: UInt32) -> String { "U+" + String(value, radix: 16, uppercase: true) }
