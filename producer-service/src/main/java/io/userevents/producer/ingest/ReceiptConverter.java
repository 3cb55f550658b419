package io.userevents.producer.ingest;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Receipt} as the same JSON the Jackson converter writes (same mapper), but
 * serialized first and sent with a {@code Content-Length}: the Jackson converter streams and
 * flushes, which commits the response chunked and costs a second socket write (the terminating
 * chunk) on every single-event request. Registered ahead of the default converters; writes only.
 */
@Component
class ReceiptConverter implements HttpMessageConverter<Receipt> {

  private final JsonMapper mapper;

  ReceiptConverter(JsonMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
    return false;
  }

  @Override
  public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
    return clazz == Receipt.class
        && (mediaType == null
            || mediaType.isWildcardType()
            || MediaType.APPLICATION_JSON.isCompatibleWith(mediaType));
  }

  @Override
  public List<MediaType> getSupportedMediaTypes() {
    return List.of(MediaType.APPLICATION_JSON);
  }

  @Override
  public Receipt read(Class<? extends Receipt> clazz, HttpInputMessage inputMessage) {
    throw new HttpMessageNotReadableException("Receipts are only written", inputMessage);
  }

  @Override
  public void write(Receipt receipt, @Nullable MediaType contentType, HttpOutputMessage output)
      throws IOException {
    byte[] json = mapper.writeValueAsBytes(receipt);
    output
        .getHeaders()
        .setContentType(
            contentType == null || !contentType.isConcrete()
                ? MediaType.APPLICATION_JSON
                : contentType);
    output.getHeaders().setContentLength(json.length);
    output.getBody().write(json);
  }
}
