import FangfeiText
import Testing

@Suite("Step 3: format characters")
struct FormatCharacterTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Fixtures.normalizer(Fixtures.only(format: true)) }

  @Test func zeroWidthCharactersAreRemoved() {
    expectNormalized(
      normalizer, "保\u{200B}本\u{200C}保\u{200D}息\u{2060}", "保本保息", match: "保本保息",
      span: 0..<7, quote: "保\u{200B}本\u{200C}保\u{200D}息")
  }

  @Test func byteOrderMarkSoftHyphenAndBidiControlsAreRemoved() {
    expectNormalized(
      normalizer, "\u{FEFF}稳\u{AD}赚\u{202E}不赔", "稳赚不赔", match: "稳赚", span: 1..<4,
      quote: "稳\u{AD}赚")
  }

  @Test func variationSelectorsAreRemoved() {
    expectNormalized(
      normalizer, "❤\u{FE0F}理财", "❤理财", match: "❤理", span: 0..<3,
      quote: "❤\u{FE0F}理")
  }

  @Test func textWithoutFormatCharactersIsIdentity() {
    let result = normalizer.normalize("保本保息 ABC")
    #expect(result.isIdentity)
    #expect(result.originalScalarRange(utf8Range: 0..<6) == 0..<2)
  }
}
