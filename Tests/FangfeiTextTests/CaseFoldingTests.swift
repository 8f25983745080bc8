import FangfeiText
import Testing

@Suite("Step 2: case folding")
struct CaseFoldingTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Fixtures.normalizer(Fixtures.only(caseFolding: true)) }

  @Test func latinLowerCasesAndSpacesStay() {
    expectNormalized(
      normalizer, "Hello World", "hello world", match: "world", span: 6..<11, quote: "World")
  }

  @Test func nonASCIILettersFoldToo() {
    expectNormalized(normalizer, "ÉTÉ USDT", "été usdt", match: "usdt", span: 4..<8, quote: "USDT")
  }

  @Test func withoutNFKCFullWidthFoldsToFullWidth() {
    expectNormalized(normalizer, "ＶＩＰ", "ｖｉｐ", match: "ｉ", span: 1..<2, quote: "Ｉ")
  }
}
