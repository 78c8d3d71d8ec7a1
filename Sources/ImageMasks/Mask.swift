/// Namespace for mask authoring: shapes, the exact-area rasterizer, operations, polarity and importers.
public enum Mask {}
