import FangfeiText
import Testing

@Suite("Step 4: traditional → simplified")
struct TraditionalToSimplifiedTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Fixtures.normalizer(Fixtures.only(simplified: true)) }

  @Test func guaranteedReturnsSlogan() {
    expectNormalized(normalizer, "穩賺不賠", "稳赚不赔", match: "稳赚不赔", span: 0..<4, quote: "穩賺不賠")
    expectNormalized(normalizer, "穩賺不賠", "稳赚不赔", match: "赚", span: 1..<2, quote: "賺")
  }

  @Test(arguments: [
    ("保本保息", "保本保息"), ("高額回報", "高额回报"), ("拉人頭", "拉人头"), ("發展下線", "发展下线"),
    ("養老公寓", "养老公寓"), ("虛擬貨幣", "虚拟货币"), ("區塊鏈", "区块链"), ("數字藏品", "数字藏品"),
    ("認購", "认购"), ("返還", "返还"), ("獎勵", "奖励"), ("團隊", "团队"), ("投資", "投资"),
    ("收益", "收益"), ("預售", "预售"), ("億萬", "亿万"),
  ])
  func scamVocabulary(traditional: String, simplified: String) {
    let count = simplified.unicodeScalars.count
    expectNormalized(
      normalizer, traditional, simplified, match: simplified, span: 0..<count, quote: traditional)
  }

  @Test func simplifiedTextIsIdentity() {
    let result = normalizer.normalize("响应国家政策，乡村振兴")
    #expect(result.isIdentity)
    #expect(sameScalars(result.text, result.original))
  }
}
