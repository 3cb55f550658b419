package io.userevents.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import java.util.List;

/**
 * A Jackson 2 module for an application's own {@code ObjectMapper}: {@link UserEvent}s inside that
 * application's types are written and read in the wire format of {@link UserEventCodec} (the same
 * bytes, the same reading rules, upcasting of version 1 included), not as a plain bean.
 *
 * <p>It brings {@link ParameterNamesModule} with it, so that the application's immutable types that
 * carry an event (an outbox row, an envelope, a command) bind through their constructor by
 * parameter name, without {@code @JsonCreator} or {@code @JsonProperty} on each parameter (compile
 * them with {@code -parameters}). Register it with {@code mapper.registerModule(new
 * UserEventJacksonModule())}, or let {@code ObjectMapper.findAndRegisterModules()} find it.
 *
 * <p>A payload that is not a valid event fails with the codec's {@link EventDecodingException}
 * (Jackson passes it through unwrapped), whose message names the field and quotes no value.
 */
public final class UserEventJacksonModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** A module that uses {@link UserEventCodec#create()}. */
  public UserEventJacksonModule() {
    this(UserEventCodec.create());
  }

  /** A module that uses the given codec (for example one with another payload limit). */
  public UserEventJacksonModule(UserEventCodec codec) {
    super("UserEventJacksonModule");
    addSerializer(UserEvent.class, new Writer(codec));
    addDeserializer(UserEvent.class, new Reader(codec));
  }

  @Override
  public Iterable<? extends Module> getDependencies() {
    return List.of(new ParameterNamesModule());
  }

  private static final class Writer extends JsonSerializer<UserEvent> {
    private final UserEventCodec codec;

    Writer(UserEventCodec codec) {
      this.codec = codec;
    }

    @Override
    public void serialize(UserEvent event, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      codec.write(event, gen);
    }

    @Override
    public Class<UserEvent> handledType() {
      return UserEvent.class;
    }
  }

  private static final class Reader extends JsonDeserializer<UserEvent> {
    private final UserEventCodec codec;

    Reader(UserEventCodec codec) {
      this.codec = codec;
    }

    @Override
    public UserEvent deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return codec.read(parser);
    }

    @Override
    public Class<UserEvent> handledType() {
      return UserEvent.class;
    }
  }
}
