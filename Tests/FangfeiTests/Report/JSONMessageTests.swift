import Foundation
import Testing

@testable import Fangfei

@Suite("JSON input messages")
struct JSONMessageTests {
  func decode(_ json: String) throws -> JSONMessage {
    try JSONDecoder().decode(JSONMessage.self, from: Data(json.utf8))
  }

  @Test func idsKeepTheirJSONForm() throws {
    let string = try decode(#"{"text":"你好","id":"a\"1"}"#)
    #expect(string.text == "你好" && string.id == "a\"1" && string.rawID == #""a\"1""#)
    let integer = try decode(#"{"text":"x","id":42}"#)
    #expect(integer.id == "42" && integer.rawID == "42")
    let number = try decode(#"{"text":"x","id":1.5}"#)
    #expect(number.id == "1.5" && number.rawID == "1.5")
    let none = try decode(#"{"text":"x","id":null}"#)
    #expect(none.id == nil && none.rawID == nil)
  }

  @Test func aMissingOrWrongTextIsADecodingError() {
    #expect(throws: DecodingError.self) { try decode(#"{"id":1}"#) }
    #expect(throws: DecodingError.self) { try decode(#"{"text":7}"#) }
    #expect(throws: DecodingError.self) { try decode(#"{"text":"x","id":true}"#) }
    #expect(throws: DecodingError.self) { try decode(#"["text"]"#) }
  }
}
