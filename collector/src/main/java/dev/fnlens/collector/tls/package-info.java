/**
 * HTTPS on the collector's ports: the certificate settings ({@link dev.fnlens.collector.tls.TlsConfig}), loading
 * PEM or PKCS#12 key material ({@link dev.fnlens.collector.tls.KeyMaterial}) and the Jetty connector that serves it
 * ({@link dev.fnlens.collector.tls.HttpsConnector}).
 */
package dev.fnlens.collector.tls;
