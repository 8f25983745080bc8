import FangfeiText

/// The normaliser, created once per process.
let sharedNormalizer: Result<Normalizer, any Error> = Result { try Normalizer() }

/// `fuzz-normalizer`: bytes → text (invalid UTF-8 replaced by U+FFFD) → `normalize`, then the
/// offset map is queried with UTF-8 ranges of the normalised text that fall on scalar
/// boundaries (as PCRE2 reports them), chosen pseudo-randomly from the input.
///
/// The invariants are the ones `NormalizedText.originalScalarRange(utf8Range:)` documents:
/// - every mapped range lies within the original's scalars (so it slices it);
/// - a non-empty range maps to a non-empty range (it covers every original scalar that
///   produced a normalised scalar in it);
/// - the map is monotonic: a later position never maps before an earlier one, a range never
///   maps outside the mapping of a range containing it, and an empty range maps to an empty
///   range where a non-empty range starting at the same offset starts;
/// - text that normalisation left unchanged maps every offset to itself.
enum NormalizerChecks {
  /// How many single scalars, and how many random range pairs, are mapped per input.
  static let singleScalars = 48
  static let randomRanges = 24

  static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(FuzzFailure) {
    let normalizer: Normalizer
    switch sharedNormalizer {
    case .success(let n): normalizer = n
    case .failure(let e): throw FuzzFailure("the normaliser cannot be created: \(e)")
    }
    let original = String(decoding: bytes, as: UTF8.self)
    let normalized = normalizer.normalize(original)
    guard Array(normalized.original.unicodeScalars) == Array(original.unicodeScalars) else {
      throw FuzzFailure("NormalizedText.original is not the text given")
    }
    let originalCount = original.unicodeScalars.count
    // Scalar boundaries of the normalised UTF-8: boundaries[k] is where scalar k starts.
    var boundaries: [Int] = []
    var offset = 0
    for b in normalized.text.utf8 {
      if b & 0xC0 != 0x80 { boundaries.append(offset) }
      offset += 1
    }
    boundaries.append(offset)
    let scalarCount = boundaries.count - 1
    let identity = Array(normalized.text.unicodeScalars) == Array(original.unicodeScalars)

    func map(_ lo: Int, _ hi: Int) throws(FuzzFailure) -> Range<Int> {
      let r = normalized.originalScalarRange(utf8Range: boundaries[lo]..<boundaries[hi])
      let what = "scalars \(lo)..<\(hi) (bytes \(boundaries[lo])..<\(boundaries[hi])) map to \(r)"
      guard r.lowerBound >= 0, r.upperBound <= originalCount else {
        throw FuzzFailure("\(what), outside the original's \(originalCount) scalars")
      }
      if lo < hi, r.isEmpty { throw FuzzFailure("\(what): a non-empty range maps to an empty one") }
      if lo == hi, !r.isEmpty { throw FuzzFailure("\(what): an empty range maps to a non-empty one") }
      if identity, r != lo..<hi {
        throw FuzzFailure("\(what), but the text is unchanged, so it should map to itself")
      }
      return r
    }
    func contains(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
      outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
    }

    let full = try map(0, scalarCount)
    var rng = SplitMix64(seedingFrom: bytes)
    // Single scalars: the first ones, then random ones.
    var singles = Array(0..<min(scalarCount, singleScalars / 2))
    if scalarCount > 0 {
      for _ in 0..<(singleScalars / 2) { singles.append(Int.random(in: 0..<scalarCount, using: &rng)) }
    }
    var previousStart: (at: Int, start: Int)?
    for k in singles.sorted() {
      let r = try map(k, k + 1)
      guard contains(full, r) else {
        throw FuzzFailure("scalar \(k) maps to \(r), outside the whole text's \(full)")
      }
      if let p = previousStart, p.start > r.lowerBound {
        throw FuzzFailure("scalar \(k) maps to \(r), before scalar \(p.at), which starts at \(p.start)")
      }
      previousStart = (k, r.lowerBound)
    }
    // Random ranges, each with a wider range around it and empty ranges at its ends.
    for _ in 0..<randomRanges {
      var lo = Int.random(in: 0...scalarCount, using: &rng)
      var hi = Int.random(in: 0...scalarCount, using: &rng)
      if lo > hi { swap(&lo, &hi) }
      let wideLo = Int.random(in: 0...lo, using: &rng)
      let wideHi = Int.random(in: hi...scalarCount, using: &rng)
      let r = try map(lo, hi)
      let wide = try map(wideLo, wideHi)
      let emptyLo = try map(lo, lo)
      let emptyHi = try map(hi, hi)
      if lo < hi {
        guard contains(wide, r) else {
          throw FuzzFailure("scalars \(lo)..<\(hi) map to \(r), scalars \(wideLo)..<\(wideHi) to only \(wide)")
        }
        guard contains(full, r) else {
          throw FuzzFailure("scalars \(lo)..<\(hi) map to \(r), outside the whole text's \(full)")
        }
        guard emptyLo.lowerBound == r.lowerBound else {
          throw FuzzFailure(
            "scalars \(lo)..<\(hi) map to \(r), but the empty range at \(lo) maps to \(emptyLo)")
        }
      }
      guard emptyLo.lowerBound <= emptyHi.lowerBound else {
        throw FuzzFailure("the empty range at scalar \(lo) maps to \(emptyLo), after the one at \(hi): \(emptyHi)")
      }
    }
  }
}
