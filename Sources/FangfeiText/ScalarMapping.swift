/// The per-scalar part of the pipeline (steps 1-4) compiled into one lookup table, together
/// with the ``ScalarClass`` of each result (used by steps 5 and 6).
///
/// An entry packs a kind (bits 29-31), the class of the result (bits 21-28) and a payload
/// (bits 0-20): the replacement scalar, or the index of an expansion. An all-zero entry
/// means "unchanged, class 0", the case of most scalars.
final class ScalarMapping: Sendable {
  static let payloadMask: UInt32 = 0x1F_FFFF
  static let classShift: UInt32 = 21
  static let kindShift: UInt32 = 29

  /// The scalar stays (payload unused).
  static let identity: UInt32 = 0
  /// The scalar becomes the payload scalar, whose UTF-8 is not longer.
  static let replace: UInt32 = 1
  /// The scalar is removed.
  static let delete: UInt32 = 2
  /// The scalar becomes several scalars: expansion number `payload`.
  static let expansion: UInt32 = 3
  /// NFKC must see the scalar together with its base (a combining mark).
  static let combining: UInt32 = 4
  /// The scalar becomes the payload scalar, whose UTF-8 is longer (`Ⱥ` → `ⱥ`).
  static let replaceLonger: UInt32 = 5

  /// Steps 1-4 applied to a scalar in isolation.
  let table: PagedTable<UInt32>
  /// Steps 2-4 only: applied to each scalar NFKC produced for a combining sequence.
  let postTable: PagedTable<UInt32>
  /// Expansion `i` is `expansionScalars[expansionStarts[i]..<expansionStarts[i + 1]]`.
  let expansionStarts: ContiguousArray<UInt32>
  let expansionScalars: ContiguousArray<UInt32>
  /// The class of each expansion scalar.
  let expansionClasses: ContiguousArray<UInt8>
  /// Classes of all scalars (for scalars produced by NFKC of combining sequences).
  let classes: PagedTable<UInt8>
  /// A bit per ideograph U+4E00...U+9FFF, the bulk of Chinese text (2.6 KB, stays in the
  /// L1 cache): set when it maps to itself and is not a numeral character ("plain Han");
  /// otherwise ``table`` decides.
  let plainUnifiedIdeographs: ContiguousArray<UInt64>
  static let unifiedRange: ClosedRange<UInt32> = 0x4E00...0x9FFF

  static func entry(kind: UInt32, classBits: UInt8, payload: UInt32) -> UInt32 {
    kind << kindShift | UInt32(classBits) << classShift | payload & payloadMask
  }

  init(options: NormalizerOptions, data: UnicodeData, simplified: [(UInt32, UInt32)]) {
    let classes = data.classes
    var lowercase: [UInt32: [UInt32]] = [:]
    if options.caseFolding {
      for (scalar, mapping) in data.lowercaseMappings { lowercase[scalar] = mapping }
    }
    let format: Set<UInt32> = options.formatCharacterRemoval ? Set(data.formatScalars) : []
    var simplify: [UInt32: UInt32] = [:]
    if options.traditionalToSimplified {
      for (traditional, simple) in simplified { simplify[traditional] = simple }
    }
    func post(_ value: UInt32) -> [UInt32] {
      var result = lowercase[value] ?? [value]
      if !format.isEmpty { result.removeAll { format.contains($0) } }
      if !simplify.isEmpty { result = result.map { simplify[$0] ?? $0 } }
      return result
    }

    var expansionStarts: ContiguousArray<UInt32> = [0]
    var expansionScalars = ContiguousArray<UInt32>()
    var expansionClasses = ContiguousArray<UInt8>()
    func encode(_ value: UInt32, _ mapped: [UInt32]) -> UInt32 {
      guard let first = mapped.first else {
        return Self.entry(kind: Self.delete, classBits: 0, payload: 0)
      }
      if mapped.count == 1 {
        let classBits = classes[first]
        if first == value {
          return Self.entry(kind: Self.identity, classBits: classBits, payload: 0)
        }
        let longer = Self.utf8Length(first) > Self.utf8Length(value)
        return Self.entry(
          kind: longer ? Self.replaceLonger : Self.replace, classBits: classBits, payload: first)
      }
      let index = UInt32(truncatingIfNeeded: expansionStarts.count - 1)
      expansionScalars.append(contentsOf: mapped)
      expansionClasses.append(contentsOf: mapped.map { classes[$0] })
      expansionStarts.append(UInt32(truncatingIfNeeded: expansionScalars.count))
      return Self.entry(kind: Self.expansion, classBits: 0, payload: index)
    }

    var postKeys = Set(lowercase.keys)
    postKeys.formUnion(format)
    postKeys.formUnion(simplify.keys)
    var compatibility: [UInt32: [UInt32]] = [:]
    if options.compatibilityNormalization {
      for (scalar, mapping) in data.compatibilityMappings { compatibility[scalar] = mapping }
    }

    // Start from the classes (identity entries), then overwrite the mapped scalars.
    var table = PagedTable<UInt32>()
    var postTable = PagedTable<UInt32>()
    for (page, offset) in classes.pageOffsets.enumerated() where offset != 0 {
      for low: UInt32 in 0..<256 {
        let value = UInt32(page) << 8 | low
        let classBits = classes[value]
        if classBits != 0 {
          let identity = Self.entry(kind: Self.identity, classBits: classBits, payload: 0)
          table.set(value, identity)
          postTable.set(value, identity)
        }
      }
    }
    for value in postKeys.sorted() { postTable.set(value, encode(value, post(value))) }
    for value in postKeys.union(compatibility.keys).sorted() {
      let first = compatibility[value] ?? [value]
      table.set(value, encode(value, first.flatMap(post)))
    }
    if options.compatibilityNormalization {
      for value in data.combiningScalars {
        table.set(value, Self.entry(kind: Self.combining, classBits: 0, payload: 0))
      }
    }
    var plainBits = ContiguousArray<UInt64>(
      repeating: 0, count: (Self.unifiedRange.count + 63) / 64)
    let plain = Self.entry(kind: Self.identity, classBits: ScalarClass.han, payload: 0)
    for value in Self.unifiedRange where table[value] == plain {
      let offset = Int(value - Self.unifiedRange.lowerBound)
      plainBits[offset >> 6] |= 1 << UInt64(offset & 63)
    }
    self.plainUnifiedIdeographs = plainBits
    self.table = table
    self.postTable = postTable
    self.expansionStarts = expansionStarts
    self.expansionScalars = expansionScalars
    self.expansionClasses = expansionClasses
    self.classes = classes
  }

  static func utf8Length(_ value: UInt32) -> Int {
    value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x1_0000 ? 3 : 4
  }
}
