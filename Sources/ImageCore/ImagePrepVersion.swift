/// The version of the ImagePrep library and command.
public enum ImagePrepVersion {
    public static let string = "0.1.0"
}
