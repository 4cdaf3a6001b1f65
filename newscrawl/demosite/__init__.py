"""The bundled demo news site: data, builder, and a static server for 127.0.0.1."""
