/// The per-scalar part of the pipeline (steps 1-4) compiled into one lookup table, together
/// with the ``ScalarClass`` of each result (used by steps 5 and 6).
///
/// An entry packs a kind (bits 29-31), the class of the result (bits 21-28) and a payload
/// (bits 0-20): the replacement scalar, or the index of an expansion. An all-zero entry
/// means "unchanged, class 0", the case of most scalars.
///
/// Built from ``UnicodeData`` and OpenCC's pairs by ``init(steps:data:simplified:)``; the
/// mapping of the default steps is built at build time and read from the embedded
/// ``TableArchive`` at run time.
///
/// The type is `public` (its members are `package`) only so that the compiler serialises the
/// bodies of its `@inlinable` members for FangfeiText's inner loop: Swift 6.3 does not inline
/// `@inlinable` members of a `package` type into another module. The target is no product.
public final class ScalarMapping: Sendable {
  /// The payload bits of an entry.
  @inlinable package static var payloadMask: UInt32 { 0x1F_FFFF }
  /// The position of the class bits in an entry.
  @inlinable package static var classShift: UInt32 { 21 }
  /// The position of the kind in an entry.
  @inlinable package static var kindShift: UInt32 { 29 }

  /// The scalar stays (payload unused).
  @inlinable package static var identity: UInt32 { 0 }
  /// The scalar becomes the payload scalar, whose UTF-8 is not longer.
  @inlinable package static var replace: UInt32 { 1 }
  /// The scalar is removed.
  @inlinable package static var delete: UInt32 { 2 }
  /// The scalar becomes several scalars: expansion number `payload`.
  @inlinable package static var expansion: UInt32 { 3 }
  /// NFKC must see the scalar together with its base (a combining mark).
  @inlinable package static var combining: UInt32 { 4 }
  /// The scalar becomes the payload scalar, whose UTF-8 is longer (`Ⱥ` → `ⱥ`).
  @inlinable package static var replaceLonger: UInt32 { 5 }

  /// Steps 1-4 applied to a scalar in isolation.
  package let table: PagedTable<UInt32>
  /// Steps 2-4 only: applied to each scalar NFKC produced for a combining sequence.
  package let postTable: PagedTable<UInt32>
  /// Expansion `i` is `expansionScalars[expansionStarts[i]..<expansionStarts[i + 1]]`.
  package let expansionStarts: ContiguousArray<UInt32>
  /// The scalars of all expansions, one after the other.
  package let expansionScalars: ContiguousArray<UInt32>
  /// The class of each expansion scalar.
  package let expansionClasses: ContiguousArray<UInt8>
  /// Classes of all scalars (for scalars produced by NFKC of combining sequences).
  package let classes: PagedTable<UInt8>
  /// A bit per ideograph U+4E00...U+9FFF, the bulk of Chinese text (2.6 KB, stays in the
  /// L1 cache): set when it maps to itself and is not a numeral character ("plain Han");
  /// otherwise ``table`` decides.
  package let plainUnifiedIdeographs: ContiguousArray<UInt64>
  /// The ideographs covered by ``plainUnifiedIdeographs``.
  package static let unifiedRange: ClosedRange<UInt32> = 0x4E00...0x9FFF

  /// An entry of ``table`` or ``postTable``.
  package static func entry(kind: UInt32, classBits: UInt8, payload: UInt32) -> UInt32 {
    kind << kindShift | UInt32(classBits) << classShift | payload & payloadMask
  }

  /// A mapping from its parts (as read from a ``TableArchive``); `nil` unless the expansion
  /// arrays and the bit set fit together (every expansion inside the scalars, one class per
  /// scalar, one bit per unified ideograph), so that lookups stay in bounds.
  package init?(
    table: PagedTable<UInt32>, postTable: PagedTable<UInt32>,
    expansionStarts: ContiguousArray<UInt32>, expansionScalars: ContiguousArray<UInt32>,
    expansionClasses: ContiguousArray<UInt8>, classes: PagedTable<UInt8>,
    plainUnifiedIdeographs: ContiguousArray<UInt64>
  ) {
    guard let first = expansionStarts.first, first == 0,
      zip(expansionStarts, expansionStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
      Int(expansionStarts[expansionStarts.count - 1]) == expansionScalars.count,
      expansionClasses.count == expansionScalars.count,
      plainUnifiedIdeographs.count == (Self.unifiedRange.count + 63) / 64
    else { return nil }
    let expansionCount = UInt32(truncatingIfNeeded: expansionStarts.count - 1)
    for storage in [table.storage, postTable.storage] {
      for entry in storage
      where entry >> Self.kindShift == Self.expansion && entry & Self.payloadMask >= expansionCount {
        return nil
      }
    }
    self.table = table
    self.postTable = postTable
    self.expansionStarts = expansionStarts
    self.expansionScalars = expansionScalars
    self.expansionClasses = expansionClasses
    self.classes = classes
    self.plainUnifiedIdeographs = plainUnifiedIdeographs
  }

  /// Composes the steps that are on in `steps` into one table: NFKC from
  /// `data.compatibilityMappings`, lower-case, format removal, and traditional → simplified
  /// with the (traditional, simplified) pairs `simplified` (used only if that step is on).
  package init(steps: ScalarSteps, data: UnicodeData, simplified: [(UInt32, UInt32)]) {
    let classes = data.classes
    var lowercase: [UInt32: [UInt32]] = [:]
    if steps.caseFolding {
      for (scalar, mapping) in data.lowercaseMappings { lowercase[scalar] = mapping }
    }
    let format: Set<UInt32> = steps.formatCharacterRemoval ? Set(data.formatScalars) : []
    var simplify: [UInt32: UInt32] = [:]
    if steps.traditionalToSimplified {
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
    if steps.compatibilityNormalization {
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
    if steps.compatibilityNormalization {
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

  /// The number of UTF-8 bytes of the scalar `value`.
  package static func utf8Length(_ value: UInt32) -> Int {
    value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x1_0000 ? 3 : 4
  }
}

/// Which of the per-scalar steps (1-4) a ``ScalarMapping`` applies.
package struct ScalarSteps: Hashable, Sendable {
  /// Step 1: NFKC.
  package var compatibilityNormalization: Bool
  /// Step 2: lower-case.
  package var caseFolding: Bool
  /// Step 3: removal of format characters.
  package var formatCharacterRemoval: Bool
  /// Step 4: traditional → simplified.
  package var traditionalToSimplified: Bool

  /// Steps with the given switches.
  package init(
    compatibilityNormalization: Bool, caseFolding: Bool, formatCharacterRemoval: Bool,
    traditionalToSimplified: Bool
  ) {
    self.compatibilityNormalization = compatibilityNormalization
    self.caseFolding = caseFolding
    self.formatCharacterRemoval = formatCharacterRemoval
    self.traditionalToSimplified = traditionalToSimplified
  }

  /// Every step on: the steps of the embedded mapping.
  package static let all = ScalarSteps(
    compatibilityNormalization: true, caseFolding: true, formatCharacterRemoval: true,
    traditionalToSimplified: true)
}
