//! A 1024-bit RSA test key (made for this test with `openssl genrsa -traditional`),
//! its public key, and `openssl dgst -sha256 -sign` of [`MESSAGE`], base64.

pub const MESSAGE: &str = "client-1|2024-03-26T16:01:41+07:00";

pub const PRIVATE_PEM: &str = "-----BEGIN RSA PRIVATE KEY-----
MIICXgIBAAKBgQDFxIOQqgFFbOaFK2KUpmNKVGS31jlrgSnS/5AeoTt/ooKf0e68
3evJ8zZBi0nLejau43iVTjq8xU6ZYig/RDxtpBsQV5cxZtu1poOT6OwDvPzrgsRO
c/BQlL4JABBr+ZyWjcfcmR5kqyqm9K5aGotm0Op1HyDOOpzQ7XxPIKx1vwIDAQAB
AoGBALkLk/LjL0dPiy4llxrxyMu+xXLB7n4poAG+gJI4WJynaUOzQYfUug//EtAn
TUgntUzUqHpDdXA1ycJ49qGj7kkdvKjt3D0+qNS90pYt8itItsnbcEU/wJgcxsm9
oivFGEJc6oNDh+LAufg51o/XDGxHn1nY3k38dW35uiKGBLepAkEA9ri0usIjSPhl
yhciccp8Mk6m74RR08Bp6JIWDWRiQ1BDHU6qQjGGg+CSmCoEe+4F1GF8F5WvIVIB
HBRs7CUt4wJBAM00ggjtrFgvEcvi06DV1ggfltIwH8KmfVmv9OqqS54o3AhHzNr1
pFWzhX5qs+unkFpfXG3tub7BvpehhOpgH3UCQQC51xVjW5qie2CI4fYzCleUuUPr
RJsySkw8P9XWjpeppop3R+rdY1q0eXNSpMut4fOIL0n+peQ9z/w//26wTa0LAkEA
yG7qOGhV94h6PIigpy9WsHaSbVk+HHVcaJb6hZ+y3pgQWzIugQx/6InB8XmtpZb0
46DTejhCPnWlgRvt5LPg5QJAdCtV1yP1aXzTlG1px6tsO+K/qSZ4Lv//2AhGTdJL
yu4v4p8whIrjLE2qIOEJGJwWMf9FXwH83DS5HDfJEnvRDg==
-----END RSA PRIVATE KEY-----";

pub const PUBLIC_PEM: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDFxIOQqgFFbOaFK2KUpmNKVGS3
1jlrgSnS/5AeoTt/ooKf0e683evJ8zZBi0nLejau43iVTjq8xU6ZYig/RDxtpBsQ
V5cxZtu1poOT6OwDvPzrgsROc/BQlL4JABBr+ZyWjcfcmR5kqyqm9K5aGotm0Op1
HyDOOpzQ7XxPIKx1vwIDAQAB
-----END PUBLIC KEY-----";

pub const SIGNATURE_BASE64: &str = "dDb9ZTyDh9cbKW6nukzI3WNnQ0AOenAHDbdcZa/0j9Hmw2CpTyjdDDFxueGl6+W1pSDc1oh2b/h6fTbE43F5/89CpYmeoFzP+ZZ121dbJn9iyIgf1yMzM++BD4eG1ud72a+sfcZLZCGGLx5S4oPA0tV2IPFtBBoUg4yz56LObVU=";
