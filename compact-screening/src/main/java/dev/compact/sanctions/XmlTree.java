package dev.compact.sanctions;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small read-only element tree built with StAX that remembers the line of every element, so
 * that errors found after parsing can still name a line. DTDs and external entities are refused.
 */
final class XmlTree {

  /** One element: its local name, attributes, text content (trimmed), children and line. */
  record Element(
      String name, Map<String, String> attributes, String text, List<Element> children, long line) {

    /** The children with the given name. */
    List<Element> all(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    Optional<Element> first(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The trimmed text of the first child with the given name, or "" when absent. */
    String text(String childName) {
      return first(childName).map(Element::text).orElse("");
    }
  }

  private XmlTree() {}

  static Element parse(SourceBytes source) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // No DTDs, no external entities: list files come from outside and must not reach the network
    // or the disk (XXE).
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    XMLStreamReader reader = null;
    try {
      reader = factory.createXMLStreamReader(new ByteArrayInputStream(source.bytes()));
      Deque<Builder> open = new ArrayDeque<>();
      Element root = null;
      while (reader.hasNext()) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < reader.getAttributeCount(); i++) {
              attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
            open.push(new Builder(reader.getLocalName(), attributes, reader.getLocation().getLineNumber()));
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              open.peek().text.append(reader.getText());
          case XMLStreamConstants.DTD ->
              throw new ListFormatException(source.name(), reader.getLocation().getLineNumber(),
                  "has a DOCTYPE declaration, which list files never need and which is refused");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new ListFormatException(source.name(), reader.getLocation().getLineNumber(),
                  "refers to the undeclared entity &" + reader.getLocalName() + ";");
          case XMLStreamConstants.END_ELEMENT -> {
            Element done = open.pop().build();
            if (open.isEmpty()) {
              root = done;
            } else {
              open.peek().children.add(done);
            }
          }
          default -> {
            // Comments, processing instructions and the document end carry nothing we read.
          }
        }
      }
      if (root == null) {
        throw new ListFormatException(source.name(), 0, "holds no XML element");
      }
      return root;
    } catch (XMLStreamException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
      String message = e.getMessage();
      // The JDK prefixes "ParseError at [row,col]:[...]\nMessage: "; keep only the message.
      int at = message == null ? -1 : message.indexOf("Message: ");
      throw new ListFormatException(source.name(), line,
          "is not well-formed XML: " + (at >= 0 ? message.substring(at + 9) : message), e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException e) {
          // Closing an in-memory reader cannot lose data.
        }
      }
    }
  }

  private static void trySet(XMLInputFactory factory, String property, Object value) {
    try {
      factory.setProperty(property, value);
    } catch (IllegalArgumentException e) {
      // Not every StAX implementation knows this property; SUPPORT_DTD=false already covers it.
    }
  }

  private static final class Builder {
    final String name;
    final Map<String, String> attributes;
    final long line;
    final StringBuilder text = new StringBuilder();
    final List<Element> children = new ArrayList<>();

    Builder(String name, Map<String, String> attributes, long line) {
      this.name = name;
      this.attributes = attributes;
      this.line = line;
    }

    Element build() {
      return new Element(name, attributes.isEmpty() ? Map.of() : Map.copyOf(attributes), text.toString().strip(), List.copyOf(children), line);
    }
  }
}
