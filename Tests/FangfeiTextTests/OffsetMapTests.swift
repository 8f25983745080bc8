import FangfeiText
import Testing

/// Deterministic pseudo-random numbers for the property tests.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

@Suite("Offset map")
struct OffsetMapTests {
  /// Pieces random texts are made of: every kind of input the steps react to.
  static let pieces: [String] = [
    "保", "本", "息", "稳", "赚", "穩", "賺", "區", "塊", "鏈", "一", "二", "三", "十", "百", "千", "万",
    "亿", "两", "零", "〇", "分", "之", "成", "倍", "年", "点", "个", "月", "几", "起", "定", "元",
    "0", "1", "3", "5", "8", "9", ",", ".", "%", "w", "W", "q", "a", "Z", " ", " ", "-", "_", "·",
    "*",
    "~", "|", "/", "\\", "，", "。", "！", "\n", "\r\n", "💰", "🌽", "👍🏽", "👨\u{200D}👩", "❤\u{FE0F}",
    "\u{200B}", "\u{FEFF}", "\u{AD}", "Ｖ", "２", "％", "①", "⑧", "㈤", "¼", "ﬁ", "\u{301}", "e\u{301}",
    "\u{1100}\u{1161}", "\u{F900}", "ﷺ", "Ⱥ", "İ", "\u{0}", "\u{FFFD}", "\u{10FFFF}", "𠀀",
    "\u{E0041}", "[微笑]", "[em]e166[/em]", "[", "]", "➕", "\u{20E3}", "🔥", "🧧",
  ]

  static func randomText(_ random: inout SplitMix, length: Int) -> String {
    var text = ""
    for _ in 0..<length { text += pieces[random.below(pieces.count)] }
    return text
  }

  /// Checks bounds and monotonicity of the map over every scalar and random byte ranges.
  static func checkMap(_ result: NormalizedText, _ random: inout SplitMix) {
    let count = result.utf8Count
    let originalCount = result.originalScalarCount
    #expect(originalCount == result.original.unicodeScalars.count)
    #expect(result.scalarCount == result.text.unicodeScalars.count)
    // Per normalised scalar: non-empty, in bounds, starts and ends non-decreasing.
    var previous = 0..<0
    for index in 0..<result.scalarCount {
      let range = result.originalScalarRange(scalarRange: index..<(index + 1))
      #expect(range.lowerBound < range.upperBound)
      #expect(range.upperBound <= originalCount)
      #expect(range.lowerBound >= previous.lowerBound)
      #expect(range.upperBound >= previous.upperBound)
      previous = range
    }
    // Random byte ranges: in bounds, and a wider range maps to a wider range.
    for _ in 0..<20 {
      let a = random.below(count + 1)
      let b = random.below(count + 1)
      let range = min(a, b)..<max(a, b)
      let mapped = result.originalScalarRange(utf8Range: range)
      #expect(mapped.lowerBound >= 0 && mapped.upperBound <= originalCount)
      let wider = result.originalScalarRange(
        utf8Range: max(0, range.lowerBound - 3)..<min(count, range.upperBound + 3))
      #expect(wider.lowerBound <= mapped.lowerBound)
      #expect(wider.upperBound >= mapped.upperBound || range.isEmpty)
    }
    // The whole text maps to a range that ends at or before the end of the original.
    let whole = result.originalScalarRange(utf8Range: 0..<count)
    #expect(whole.upperBound <= originalCount)
  }

  @Test func randomMixedTextsMapWithinBoundsAndMonotonically() throws {
    let normalizer = try Fixtures.normalizer()
    var random = SplitMix(state: 0x5EED)
    for _ in 0..<400 {
      let text = Self.randomText(&random, length: 1 + random.below(40))
      let result = normalizer.normalize(text)
      #expect(String(validating: Array(result.text.utf8), as: UTF8.self) == result.text)
      Self.checkMap(result, &random)
    }
  }

  /// Arbitrary scalars from every plane, long runs of combining marks, numerals.
  @Test func arbitraryScalarsMapWithinBounds() throws {
    let normalizer = try Fixtures.normalizer()
    var random = SplitMix(state: 0xF00D)
    for _ in 0..<300 {
      var text = String.UnicodeScalarView()
      for _ in 0..<(1 + random.below(60)) {
        switch random.below(6) {
        case 0:
          // A long run of combining marks (more than the 32 normalised together).
          for _ in 0..<random.below(80) {
            text.append(Unicode.Scalar(0x300 + UInt32(random.below(0x70))) ?? "x")
          }
        case 1:
          text.append(contentsOf: Self.pieces[random.below(Self.pieces.count)].unicodeScalars)
        default:
          let value = UInt32(random.below(0x11_0000))
          if let scalar = Unicode.Scalar(value) { text.append(scalar) }
        }
      }
      let result = normalizer.normalize(String(text))
      #expect(String(validating: Array(result.text.utf8), as: UTF8.self) != nil)
      Self.checkMap(result, &random)
    }
  }

  @Test func randomTextsWithSingleStepsMapWithinBounds() throws {
    var random = SplitMix(state: 42)
    let options = [
      Fixtures.only(compatibility: true), Fixtures.only(caseFolding: true),
      Fixtures.only(format: true), Fixtures.only(simplified: true),
      Fixtures.only(separators: true), Fixtures.only(numerals: true),
      Fixtures.only(separators: true, numerals: true),
    ]
    for option in options {
      let normalizer = try Fixtures.normalizer(option)
      for _ in 0..<60 {
        Self.checkMap(normalizer.normalize(Self.randomText(&random, length: 30)), &random)
      }
    }
  }

  @Test func identityInputsMapIdentically() throws {
    let normalizer = try Fixtures.normalizer()
    for text in ["hello world", "保本保息。稳赚不赔、", "abc\ndef", "理财非存款\n产品有风险", "💰🔥", "保 ok"] {
      let result = normalizer.normalize(text)
      #expect(result.isIdentity)
      #expect(sameScalars(result.text, text))
      let scalars = Array(text.unicodeScalars)
      var offset = 0
      for (index, scalar) in scalars.enumerated() {
        let width = String(scalar).utf8.count
        #expect(
          result.originalScalarRange(utf8Range: offset..<(offset + width)) == index..<(index + 1))
        // Any byte inside the scalar counts as the scalar.
        #expect(
          result.originalScalarRange(utf8Range: (offset + width - 1)..<(offset + width))
            == index..<(index + 1))
        offset += width
      }
    }
  }

  @Test func emptyAndClampedRanges() throws {
    let normalizer = try Fixtures.normalizer()
    let result = normalizer.normalize("稳🔥赚")
    #expect(sameScalars(result.text, "稳赚"))
    #expect(result.originalScalarRange(utf8Range: 3..<3) == 2..<2)
    #expect(result.originalScalarRange(utf8Range: 6..<6) == 3..<3)
    #expect(result.originalScalarRange(utf8Range: -5..<100) == 0..<3)
    #expect(result.originalScalarRange(scalarRange: 1..<2) == 2..<3)
  }

  @Test func utf8AccessMatchesText() throws {
    let normalizer = try Fixtures.normalizer()
    let result = normalizer.normalize("穩賺 ＶＩＰ 百分之三十")
    #expect(Array(result.utf8Bytes) == Array(result.text.utf8))
    #expect(result.withUTF8 { Array($0) } == Array(result.text.utf8))
    #expect(result.utf8Count == result.text.utf8.count)
  }

  @Test func longTextIsHandled() throws {
    let normalizer = try Fixtures.normalizer()
    var random = SplitMix(state: 7)
    let text = Self.randomText(&random, length: 50_000)
    let result = normalizer.normalize(text)
    Self.checkMap(result, &random)
  }

  @Test func sharedAcrossTasks() async throws {
    let normalizer = try Fixtures.normalizer()
    let texts = ["穩🔥賺-不-賠，年化百分之三十", "ＶＩＰ理财 年化２０％", "挣￥好路子.净利⑧佰", "Hello World"]
    let expected = texts.map { normalizer.normalize($0).text }
    let results = await withTaskGroup(of: [String].self) { group in
      for _ in 0..<8 {
        group.addTask { texts.map { normalizer.normalize($0).text } }
      }
      var all: [[String]] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results.allSatisfy { $0 == expected })
  }

  @Test func longRemovedRunsMapExactly() throws {
    // The map stores one byte per scalar for its distance from its block's first start; runs of
    // removed characters of 255 or more inside a block take the side list. Every position must
    // still map exactly.
    let normalizer = try Fixtures.normalizer()
    for prefix in [0, 1, 62, 63, 64, 130] {
      for gap in [0, 1, 200, 253, 254, 255, 256, 300, 1_000, 70_000] {
        let head = String(repeating: "保", count: prefix)
        let text = head + "本" + String(repeating: "\u{200B}", count: gap) + "息" + "赚"
        let result = normalizer.normalize(text)
        #expect(result.text == head + "本息赚")
        let last = prefix + 2
        #expect(result.originalScalarRange(scalarRange: prefix..<(prefix + 1)) == prefix..<(prefix + 1))
        let second = (prefix + 1 + gap)..<(prefix + 2 + gap)
        #expect(result.originalScalarRange(scalarRange: (prefix + 1)..<(prefix + 2)) == second)
        #expect(result.originalScalarRange(scalarRange: last..<(last + 1)) == (last + gap)..<(last + gap + 1))
      }
    }
    // Distances that grow past 255 within every block: each scalar follows nine removed ones.
    let text = String(repeating: String(repeating: "\u{200B}", count: 9) + "赚", count: 500)
    let result = normalizer.normalize(text)
    #expect(result.text == String(repeating: "赚", count: 500))
    for i in 0..<500 {
      #expect(result.originalScalarRange(scalarRange: i..<(i + 1)) == (10 * i + 9)..<(10 * i + 10))
    }
  }

  @Test func reusedBuffersGiveWhatAFreshNormalisationGives() throws {
    // One set of buffers through texts of every kind and size, in an order that shrinks and
    // grows the storage (the long text is over the kept capacity) and alternates changed and
    // unchanged texts: the bytes, the text and the whole map must be those of `normalize`.
    let normalizer = try Fixtures.normalizer()
    let buffers = NormalizationBuffers()
    var random = SplitMix(state: 41)
    var texts = ["", "plain ascii", "保本保息", "穩賺不賠 一萬元", ""]
    texts += (0..<150).map { _ in Self.randomText(&random, length: random.below(40)) }
    texts.insert(String(repeating: "稳赚 一二三", count: 200_000), at: 60)  // 2.6 MB
    texts.insert(String(repeating: "abc", count: 400_000), at: 61)  // unchanged, 1.2 MB
    var changed = 0
    for text in texts {
      let bytes = Array(normalizer.normalizeUTF8(text, into: buffers))
      let fresh = normalizer.normalize(text)
      #expect(bytes == Array(fresh.text.utf8), "\(text.prefix(40))")
      // Ranges mapped straight from the buffers (before `normalizedText`, which may free the
      // starts of a long text): empty, clamped and out-of-order ones included.
      var ranges: [Range<Int>] = [
        -3..<2, 0..<0, bytes.count..<(bytes.count + 5), (bytes.count + 2)..<(bytes.count + 9),
      ]
      if bytes.count < 10_000 {
        for lower in 0...bytes.count { ranges.append(lower..<min(bytes.count, lower + random.below(6))) }
        ranges.shuffle(using: &random)
      } else {
        ranges += [0..<7, (bytes.count - 9)..<(bytes.count - 1), 1_000..<1_000, 500_000..<500_040]
      }
      var mapped = ranges
      buffers.mapToOriginal(&mapped)
      #expect(mapped == ranges.map { fresh.originalScalarRange(utf8Range: $0) }, "\(text.prefix(40))")
      let reused = normalizer.normalizedText(text, buffers: buffers)
      #expect(sameScalars(reused.text, fresh.text))
      #expect(reused.isIdentity == fresh.isIdentity)
      #expect(reused.originalScalarCount == fresh.originalScalarCount)
      if !fresh.isIdentity { changed += 1 }
      guard text.utf8.count < 10_000 else { continue }
      #expect(reused.scalarCount == fresh.scalarCount)
      for index in 0..<reused.scalarCount {
        let range = index..<(index + 1)
        #expect(reused.originalScalarRange(scalarRange: range) == fresh.originalScalarRange(scalarRange: range))
      }
      for lower in 0...bytes.count {
        let range = lower..<min(bytes.count, lower + 4)
        #expect(reused.originalScalarRange(utf8Range: range) == fresh.originalScalarRange(utf8Range: range))
      }
    }
    #expect(changed > 50 && changed < texts.count - 5)
  }
}
