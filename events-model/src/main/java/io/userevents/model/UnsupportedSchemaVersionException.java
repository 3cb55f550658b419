package io.userevents.model;

/**
 * The payload declares a {@code schemaVersion} newer than {@link UserEvent#CURRENT_SCHEMA_VERSION}:
 * it was written by a newer producer and this reader must be upgraded before it can apply it. Never
 * worth retrying with the same library version.
 */
public final class UnsupportedSchemaVersionException extends EventDecodingException {

  private final int version;

  /**
   * @param version the schema version the payload declares
   */
  public UnsupportedSchemaVersionException(int version) {
    super(
        Reason.UNSUPPORTED_SCHEMA_VERSION,
        "schemaVersion",
        "schemaVersion "
            + version
            + " is newer than the newest this reader understands ("
            + UserEvent.CURRENT_SCHEMA_VERSION
            + ")",
        null);
    this.version = version;
  }

  /** The schema version the payload declares. */
  public int version() {
    return version;
  }
}
