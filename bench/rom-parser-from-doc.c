/*
 * A re-implementation of rom-parser's control flow and printf formats, written from the
 * description in ../shared/docs/rom-parser-format.md (sections 3 and 4), not from its source.
 * Used only by bench/rom-parse.sh as a timing baseline and a cross-check of the references.
 * Unlike the original it bounds every read (a PCIR past the end reads as zeros), so it does not
 * crash on kvmvapic.bin.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const uint8_t *rom;
static size_t size;

static unsigned u8(size_t off) { return off < size ? rom[off] : 0; }
static unsigned u16(size_t off) { return u8(off) | u8(off + 1) << 8; }

int main(int argc, char **argv) {
  if (argc != 2) {
    printf("usage: %s [ROM image file]\n", argv[0]);
    return 0;
  }
  struct stat st;
  if (stat(argv[1], &st)) {
    printf("Unable to stat ROM file: %m\n");
    return -1;
  }
  if (st.st_size == 0) {
    printf("Error, zero sized ROM file\n");
    return -1;
  }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    printf("Unable to open ROM file: %m\n");
    return -1;
  }
  size = st.st_size;
  rom = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (rom == MAP_FAILED) {
    printf("Unable to mmap ROM file: %m\n");
    return -1;
  }
  size_t offset = 0;
  for (;;) {
    if (offset >= size) {
      printf("Error, ran off the end\n");
      return -1;
    }
    if (u8(offset) != 0x55 || u8(offset + 1) != 0xaa) {
      offset += 512;
      continue;
    }
    unsigned pcir_off = u16(offset + 0x18);
    printf("Valid ROM signature found @%zxh, PCIR offset %xh\n", offset, pcir_off);
    size_t p = offset + pcir_off;
    if (u8(p) != 'P' || u8(p + 1) != 'C' || u8(p + 2) != 'I' || u8(p + 3) != 'R') {
      printf("Invalid PCIR signature: %c%c%c%c\n", u8(p), u8(p + 1), u8(p + 2), u8(p + 3));
      return -1;
    }
    unsigned type = u8(p + 0x14);
    printf("\tPCIR: type %x%s, vendor: %04x, device: %04x, class: %02x%02x%02x\n", type,
           type == 0 ? " (x86 PC-AT)" : type == 3 ? " (EFI)" : "", u16(p + 4), u16(p + 6),
           u8(p + 0xf), u8(p + 0xe), u8(p + 0xd));
    printf("\tPCIR: revision %x, vendor revision: %x\n", u8(p + 0xc), u16(p + 0x12));
    if (type == 3) {
      uint32_t sig = u16(offset + 4) | (uint32_t)u16(offset + 6) << 16;
      printf("\t\tEFI: Signature %sValid", sig != 0xef1 ? "NOT " : "");
      if (sig == 0xef1) {
        unsigned s = u16(offset + 8), m = u16(offset + 0xa);
        printf(", Subsystem: ");
        if (s == 0xb) printf("Boot");
        else if (s == 0xc) printf("Runtime");
        else printf("Unknown (%x)", s);
        printf(", Machine: ");
        switch (m) {
          case 0x014c: printf("IA-32"); break;
          case 0x0200: printf("Itanium"); break;
          case 0x0ebc: printf("EFI Byte Code"); break;
          case 0x8664: printf("X64"); break;
          case 0x01c2: printf("ARM"); break;
          case 0xaa64: printf("ARM 64-bit"); break;
          default: printf("Unknown (%x)", m);
        }
      }
      printf("\n");
    }
    if (!u8(p + 0x15)) {
      offset += 512;
      continue;
    }
    printf("\tLast image\n");
    return 0;
  }
}
