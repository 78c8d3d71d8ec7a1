/// The success envelope of the file service: `{"success":true,"code":200,"msg":…,"data":…}`.
struct FileEnvelope<Payload: Encodable & Sendable>: Encodable, Sendable {
    var success = true
    var code = 200
    var msg: String
    var data: Payload
}
