package io.userevents.consumer.api;

/** No event ever mentioned this user. */
class UserNotFoundException extends RuntimeException {

  private final String userId;

  UserNotFoundException(String userId) {
    super("user " + userId + " is unknown");
    this.userId = userId;
  }

  String userId() {
    return userId;
  }
}
