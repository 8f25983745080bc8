import FangfeiText
import Testing

@Suite("All steps together")
struct CombinedTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Fixtures.normalizer() }

  @Test func briefExamples() {
    expectNormalized(normalizer, "保-本-保-息", "保本保息", match: "保本保息", span: 0..<7, quote: "保-本-保-息")
    expectNormalized(normalizer, "稳🔥赚🔥不🔥赔", "稳赚不赔", match: "稳赚不赔", span: 0..<7, quote: "稳🔥赚🔥不🔥赔")
    expectNormalized(normalizer, "穩賺不賠", "稳赚不赔", match: "稳赚不赔", span: 0..<4, quote: "穩賺不賠")
    expectNormalized(normalizer, "高 回 报", "高回报", match: "回报", span: 2..<5, quote: "回 报")
  }

  @Test func fullWidthAdvert() {
    expectNormalized(
      normalizer, "ＶＩＰ理财 年化２０％", "vip理财年化20%", match: "年化20%", span: 6..<11, quote: "年化２０％")
    expectNormalized(
      normalizer, "ＶＩＰ理财 年化２０％", "vip理财年化20%", match: "vip", span: 0..<3, quote: "ＶＩＰ")
    expectNormalized(
      normalizer, "ＶＩＰ理财 年化２０％", "vip理财年化20%", match: "理财年化", span: 3..<8, quote: "理财 年化")
  }

  @Test func returnsAndInterest() {
    expectNormalized(
      normalizer, "年化收益百分之三十", "年化收益30%", match: "收益30%", span: 2..<9, quote: "收益百分之三十")
    expectNormalized(normalizer, "月息三分", "月息3分", match: "月息3分", span: 0..<4, quote: "月息三分")
    expectNormalized(normalizer, "日息千分之五", "日息0.5%", match: "0.5%", span: 2..<6, quote: "千分之五")
  }

  @Test func slangAdvert() {
    expectNormalized(
      normalizer, "挣￥好路子.净利⑧佰", "挣¥好路子净利800", match: "净利800", span: 6..<10, quote: "净利⑧佰")
    expectNormalized(
      normalizer, "挣￥好路子.净利⑧佰", "挣¥好路子净利800", match: "路子净", span: 3..<7, quote: "路子.净")
    expectNormalized(normalizer, "1q-5q", "1q-5q", match: "1q-5q", span: 0..<5, quote: "1q-5q")
    expectNormalized(normalizer, "5🌽", "5🌽", match: "5🌽", span: 0..<2, quote: "5🌽")
  }

  @Test func traditionalObfuscatedAdvert() {
    expectNormalized(
      normalizer, "穩🔥賺-不-賠，年化百分之三十", "稳赚不赔,年化30%", match: "稳赚不赔", span: 0..<7,
      quote: "穩🔥賺-不-賠")
    expectNormalized(
      normalizer, "穩🔥賺-不-賠，年化百分之三十", "稳赚不赔,年化30%", match: ",年化30%", span: 7..<15,
      quote: "，年化百分之三十")
    expectNormalized(normalizer, "拾萬元", "100000元", match: "100000", span: 0..<2, quote: "拾萬")
    expectNormalized(normalizer, "收拾好", "收拾好", match: "拾", span: 1..<2, quote: "拾")
    expectNormalized(normalizer, "投資壹萬", "投资10000", match: "10000", span: 2..<4, quote: "壹萬")
  }

  @Test func keycapDigitsReadAsANumber() {
    // 1️⃣ is '1', VS16, U+20E3; both pieces go, the digit stays (either order of the pieces).
    // Like any removed piece, those after the last digit are outside its span.
    expectNormalized(
      normalizer, "日入5️⃣0️⃣0️⃣", "日入500", match: "入500", span: 1..<9, quote: "入5️⃣0️⃣0")
    expectNormalized(
      normalizer, "1️⃣5️⃣0️⃣元", "150元", match: "150元", span: 0..<10, quote: "1️⃣5️⃣0️⃣元")
    expectNormalized(
      normalizer, "第1\u{20E3}\u{FE0F}步", "第1步", match: "1步", span: 1..<5, quote: "1\u{20E3}\u{FE0F}步")
  }

  @Test func heavyPlusBeforeAContact() {
    expectNormalized(normalizer, "请➕️微信", "请+微信", match: "+微信", span: 1..<5, quote: "➕️微信")
    expectNormalized(normalizer, "有意的➕V", "有意的+v", match: "的+v", span: 2..<5, quote: "的➕V")
  }

  @Test func emoticonCodesInsideAPhrase() {
    expectNormalized(
      normalizer, "穩賺[微笑]不賠[em]e166[/em]", "稳赚不赔", match: "稳赚不赔", span: 0..<8,
      quote: "穩賺[微笑]不賠")
    // A mark right after a removed code has no base: the code's `]` does not come back.
    expectNormalized(
      normalizer, "保[微笑]\u{301}", "保\u{301}", match: "\u{301}", span: 5..<6, quote: "\u{301}")
    expectNormalized(normalizer, "年化[强]百分之三十", "年化30%", match: "年化30%", span: 0..<10, quote: "年化[强]百分之三十")
  }

  @Test func lineBreaksAndCRLFAreKept() {
    expectNormalized(normalizer, "保本\r\n保息", "保本\r\n保息", match: "保息", span: 4..<6, quote: "保息")
    expectNormalized(normalizer, "Ａ\r\nＢ", "a\r\nb", match: "\r\nb", span: 1..<4, quote: "\r\nＢ")
  }

  @Test func emptyString() {
    let result = normalizer.normalize("")
    #expect(sameScalars(result.text, ""))
    #expect(result.isIdentity)
    #expect(result.utf8Count == 0)
    #expect(result.originalScalarCount == 0)
    #expect(result.originalScalarRange(utf8Range: 0..<0) == 0..<0)
    #expect(result.originalScalarRange(utf8Range: 0..<5) == 0..<0)
  }

  @Test func onlyEmoji() {
    let text = "💰🔥👍🏽🇨🇳"
    let result = normalizer.normalize(text)
    #expect(sameScalars(result.text, text))
    #expect(result.isIdentity)
    let count = text.unicodeScalars.count
    #expect(result.originalScalarRange(utf8Range: 0..<result.utf8Count) == 0..<count)
    expectNormalized(normalizer, text, text, match: "👍🏽", span: 2..<4, quote: "👍🏽")
  }

  @Test func zeroWidthJoinerSequences() {
    // Step 3 removes the joiners; the pictographs stay and map to their own scalars.
    expectNormalized(
      normalizer, "👨\u{200D}👩\u{200D}👧", "👨👩👧", match: "👩", span: 2..<3, quote: "👩")
    expectNormalized(
      normalizer, "👨\u{200D}👩\u{200D}👧", "👨👩👧", match: "👨👩👧", span: 0..<5,
      quote: "👨\u{200D}👩\u{200D}👧")
    expectNormalized(
      normalizer, "保👨\u{200D}👩\u{200D}👧本", "保本", match: "保本", span: 0..<7,
      quote: "保👨\u{200D}👩\u{200D}👧本")
  }

  @Test func combiningMarksWithOtherSteps() {
    expectNormalized(
      normalizer, "CAFE\u{301} 保\u{200B}本", "caf\u{E9} 保本", match: "\u{E9}", span: 3..<5,
      quote: "E\u{301}")
    // A mark that composes with nothing stays and maps to itself.
    expectNormalized(
      normalizer, "保\u{301}本", "保\u{301}本", match: "\u{301}", span: 1..<2, quote: "\u{301}")
    expectNormalized(
      normalizer, "X\u{301}，", "x\u{301},", match: "x\u{301}", span: 0..<2, quote: "X\u{301}")
  }

  @Test func mixedEnglishTextStaysIntact() {
    expectNormalized(
      normalizer, "Hello World", "hello world", match: "hello world", span: 0..<11,
      quote: "Hello World")
    expectNormalized(
      normalizer, "Guaranteed 20% returns, 100 % safe!", "guaranteed 20% returns, 100% safe!",
      match: "100%", span: 24..<29, quote: "100 %")
  }

  @Test func edgeScalarsPassThrough() {
    let text = "a\u{0}b\u{FFFD}\u{E000}\u{FFFF}\u{10FFFF}\u{1F}"
    let result = normalizer.normalize(text)
    #expect(sameScalars(result.text, text))
    #expect(result.originalScalarRange(utf8Range: 0..<result.utf8Count) == 0..<8)
    // Invalid UTF-8 repaired by String becomes U+FFFD and passes through as well.
    let repaired = String(decoding: [0x41, 0xFF, 0xE4, 0xB8, 0x41], as: UTF8.self)
    let second = normalizer.normalize(repaired)
    #expect(sameScalars(second.text, "a\u{FFFD}\u{FFFD}a"))
    #expect(second.originalScalarRange(utf8Range: 1..<4) == 1..<2)
  }

  @Test func badOpenCCConfigurationThrows() {
    #expect(throws: NormalizerError.self) {
      _ = try Normalizer(options: NormalizerOptions(openCCConfiguration: "/nonexistent/none.json"))
    }
  }

  @Test func withEveryStepOffTextIsUnchanged() throws {
    let normalizer = try Normalizer(options: .none)
    let text = "ＶＩＰ穩💰賺-不-賠 年化百分之三十\u{200B}"
    let result = normalizer.normalize(text)
    #expect(sameScalars(result.text, text))
    #expect(result.isIdentity)
  }
}
