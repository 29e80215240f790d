/* Safety-code grinding, natively (spec/06-safety-code.md 6.6): how many candidate certificates per
 * second one core can test. A trial changes 8 bytes of a certificate-sized buffer (an attacker who
 * varies an unsigned field), hashes it with SHA-256, formats the fingerprint as colon hex, builds
 * the pair string with a fixed fingerprint, hashes that, and compares four 5-bit indices with a
 * target. SHA-256 is OpenSSL's, which uses the CPU's SHA extensions where present. With the third
 * argument "midstate", the varied field sits in the last 64-byte block and the hash state of
 * everything before it is computed once, as an attacker who varies a late field would do.
 * Built and run by bench/sas-grind.bench.ts:  cc -O2 sas-grind.c -lcrypto */
#include <openssl/sha.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this process: on a shared machine it measures what one idle core would do. */
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void hexfp(const unsigned char d[32], char out[96]) {
  static const char *hex = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    out[3 * i] = hex[d[i] >> 4];
    out[3 * i + 1] = hex[d[i] & 15];
    out[3 * i + 2] = ':';
  }
  out[95] = 0; /* the last ':' becomes the terminator */
}

int main(int argc, char **argv) {
  size_t certLen = argc > 1 ? (size_t)atoi(argv[1]) : 408;
  double seconds = argc > 2 ? atof(argv[2]) : 2.0;
  int midstate = argc > 3 && strcmp(argv[3], "midstate") == 0;
  size_t field = midstate ? (certLen & ~(size_t)63) - (certLen % 64 < 8 ? 64 : 0) : 16; /* start of the varied bytes */
  unsigned char *cert = calloc(certLen, 1);
  for (size_t i = 0; i < certLen; i++) cert[i] = (unsigned char)(i * 131 + 7);
  const char *other = "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89";
  unsigned char target[4] = {1, 2, 3, 4};
  char fp[96], pair[200];
  unsigned char d[32], e[32];
  uint64_t trials = 0, hits = 0;
  SHA256_CTX prefix;
  SHA256_Init(&prefix);
  if (midstate) SHA256_Update(&prefix, cert, field);
  double start = now(), end = start;
  while (end - start < seconds) {
    for (int k = 0; k < 4096; k++) {
      memcpy(cert + field, &trials, 8); /* the varied field */
      trials++;
      if (midstate) {
        SHA256_CTX c = prefix;
        SHA256_Update(&c, cert + field, certLen - field);
        SHA256_Final(d, &c);
      } else {
        SHA256(cert, certLen, d);
      }
      hexfp(d, fp);
      const char *lo = strcmp(fp, other) < 0 ? fp : other, *hi = lo == fp ? other : fp;
      size_t n = 0;
      memcpy(pair + n, lo, 95); n += 95;
      pair[n++] = '|';
      memcpy(pair + n, hi, 95); n += 95;
      SHA256((unsigned char *)pair, n, e);
      if ((e[0] & 31) == target[0] && (e[1] & 31) == target[1] && (e[2] & 31) == target[2] && (e[3] & 31) == target[3]) hits++;
    }
    end = now();
  }
  printf("{\"trials\":%llu,\"seconds\":%.6f,\"hits\":%llu}\n", (unsigned long long)trials, end - start, (unsigned long long)hits);
  return 0;
}
