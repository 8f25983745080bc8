import FangfeiText
import FangfeiTextTables
import Foundation
import Testing

@Suite("Step 1: NFKC")
struct CompatibilityTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Fixtures.normalizer(Fixtures.only(compatibility: true)) }

  @Test func fullWidthBecomesHalfWidth() {
    expectNormalized(
      normalizer, "ＶＩＰ理财 年化２０％", "VIP理财 年化20%", match: "20%", span: 8..<11,
      quote: "２０％")
  }

  @Test func circledDigitsBecomeDigits() {
    expectNormalized(normalizer, "①⑧号", "18号", match: "8", span: 1..<2, quote: "⑧")
  }

  @Test func parenthesizedIdeographExpandsAndMapsToItsSource() {
    // ㈤ → "(五)": every output scalar maps to the one source scalar.
    expectNormalized(normalizer, "第㈤条", "第(五)条", match: "五", span: 1..<2, quote: "㈤")
    expectNormalized(normalizer, "第㈤条", "第(五)条", match: "(五)条", span: 1..<3, quote: "㈤条")
  }

  @Test func vulgarFractionExpands() {
    expectNormalized(normalizer, "¼杯", "1⁄4杯", match: "4", span: 0..<1, quote: "¼")
  }

  @Test func compatibilityAndRadicalIdeographsBecomeUnified() {
    // U+F900 豈 → U+8C48 豈; U+2F00 ⼀ (Kangxi radical one) → 一.
    expectNormalized(
      normalizer, "\u{F900}\u{2F00}", "\u{8C48}一", match: "一", span: 1..<2,
      quote: "\u{2F00}")
  }

  @Test func combiningMarksCompose() {
    // e + COMBINING ACUTE → é (one scalar), mapping to both source scalars.
    expectNormalized(
      normalizer, "Cafe\u{301} ok", "Caf\u{E9} ok", match: "\u{E9}", span: 3..<5,
      quote: "e\u{301}")
    // Hangul jamo L + V → one syllable.
    expectNormalized(
      normalizer, "\u{1100}\u{1161}!", "가!", match: "가", span: 0..<2,
      quote: "\u{1100}\u{1161}")
  }

  @Test func heavyPlusSignBecomesPlus() {
    // ➕ is written for 加 before a contact (➕v, ➕微信); it folds to + like ＋ and ﹢.
    expectNormalized(normalizer, "➕v了解", "+v了解", match: "+v", span: 0..<2, quote: "➕v")
    expectNormalized(normalizer, "请➕微信", "请+微信", match: "+微", span: 1..<3, quote: "➕微")
  }

  @Test func keycapMarkIsRemovedLeavingTheDigit() {
    expectNormalized(
      normalizer, "1\u{20E3}5\u{20E3}0\u{20E3}元", "150元", match: "150元", span: 0..<7,
      quote: "1\u{20E3}5\u{20E3}0\u{20E3}元")
    expectNormalized(normalizer, "#\u{20E3}1", "#1", match: "#", span: 0..<1, quote: "#")
  }

  @Test func ligaturesAndFullWidthPunctuation() {
    expectNormalized(normalizer, "ﬁnance，好", "finance,好", match: "fi", span: 0..<1, quote: "ﬁ")
  }
}

@Suite("Step 1 against Foundation")
struct CompatibilityReferenceTests {
  /// Every scalar of the basic plane and of the emoji and CJK compatibility ranges,
  /// normalised alone, equals Foundation's NFKC of it (the per-scalar table is complete),
  /// except the scalars step 1 deliberately adds to NFKC.
  @Test func everyScalarAloneMatchesFoundationNFKC() throws {
    #expect(UnicodeData.compatibilityAdditions.map(\.scalar) == [0x20E3, 0x2795])
    let normalizer = try Fixtures.normalizer(Fixtures.only(compatibility: true))
    let ranges: [ClosedRange<UInt32>] = [
      0...0xFFFF, 0x1D400...0x1D7FF, 0x1F100...0x1F2FF, 0x2F800...0x2FA1F,
    ]
    var mismatches: [String] = []
    for range in ranges {
      for value in range {
        guard let scalar = Unicode.Scalar(value) else { continue }
        let text = String(scalar)
        var expected = text.precomposedStringWithCompatibilityMapping
        if let addition = UnicodeData.compatibilityAdditions.first(where: { $0.scalar == value }) {
          expected = String(String.UnicodeScalarView(addition.mapping.compactMap(Unicode.Scalar.init)))
        }
        let result = normalizer.normalize(text)
        if !sameScalars(result.text, expected) {
          mismatches.append(String(value, radix: 16))
        } else if !result.text.isEmpty {
          #expect(result.originalScalarRange(utf8Range: 0..<result.utf8Count) == 0..<1)
        }
      }
    }
    #expect(mismatches.isEmpty, "differ from Foundation: \(mismatches.prefix(20))")
  }
}

extension CompatibilityReferenceTests {
  /// Random texts full of combining marks, jamo and compatibility characters: NFKC scalar by
  /// scalar plus sequence NFKC around marks equals Foundation's NFKC of the whole text.
  @Test func randomTextsMatchFoundationNFKC() throws {
    let normalizer = try Fixtures.normalizer(Fixtures.only(compatibility: true))
    let pieces = [
      "e", "E", "a", "\u{301}", "\u{300}", "\u{323}", "\u{308}", "\u{1100}", "\u{1161}", "\u{11A8}",
      "가", "①", "㈤", "ﬁ", "Ａ", "保", "ｶ", "\u{3099}", "か", "\u{FE0F}", "❤", "Å", "\u{30A}",
      " ", "\u{F900}", "ﷺ", "\u{0}",
    ]
    var random = SplitMix(state: 99)
    for _ in 0..<500 {
      var text = ""
      for _ in 0..<(1 + random.below(25)) { text += pieces[random.below(pieces.count)] }
      let result = normalizer.normalize(text)
      #expect(sameScalars(result.text, text.precomposedStringWithCompatibilityMapping))
    }
  }
}
