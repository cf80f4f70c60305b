#!/usr/bin/env python3
"""Print the information elements compiled into the installed libfixbuf (Debian libfixbuf9, 2.4.x).

Output: TSV pen, id, name, dataType, semantics, units, reversible-flag.  Used only to transcribe facts
(types, semantics, units) into FlowInspector's data files; never needed at build time.
The struct layout below is fbInfoElement_t from libfixbuf 2.x public.h.
"""
import ctypes, os, sys

ctypes.CDLL("libglib-2.0.so.0", mode=ctypes.RTLD_GLOBAL)
lib = ctypes.CDLL("libfixbuf.so.9")

class IE(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("midx", ctypes.c_uint32), ("ent", ctypes.c_uint32),
                ("num", ctypes.c_uint16), ("len", ctypes.c_uint16), ("flags", ctypes.c_uint32),
                ("min", ctypes.c_uint64), ("max", ctypes.c_uint64), ("type", ctypes.c_uint8),
                ("description", ctypes.c_char_p)]

class Iter(ctypes.Structure):
    _fields_ = [("model", ctypes.c_void_p), ("index", ctypes.c_uint)]

TYPES = ["octetArray", "unsigned8", "unsigned16", "unsigned32", "unsigned64", "signed8", "signed16",
         "signed32", "signed64", "float32", "float64", "boolean", "macAddress", "string", "dateTimeSeconds",
         "dateTimeMilliseconds", "dateTimeMicroseconds", "dateTimeNanoseconds", "ipv4Address", "ipv6Address",
         "basicList", "subTemplateList", "subTemplateMultiList"]
SEM = ["", "quantity", "totalCounter", "deltaCounter", "identifier", "flags", "list", "snmpCounter", "snmpGauge"]
UNITS = ["", "bits", "octets", "packets", "flows", "seconds", "milliseconds", "microseconds", "nanoseconds",
         "4-octet words", "messages", "hops", "entries", "frames", "ports", "inferred"]

lib.fbInfoModelAlloc.restype = ctypes.c_void_p
lib.fbInfoModelIterNext.restype = ctypes.POINTER(IE)
lib.fbInfoModelIterNext.argtypes = [ctypes.POINTER(Iter)]
lib.fbInfoModelIterInit.argtypes = [ctypes.POINTER(Iter), ctypes.c_void_p]
model = lib.fbInfoModelAlloc()
if len(sys.argv) > 1:  # optionally add an XML element file such as cert_ipfix.xml
    err = ctypes.c_void_p()
    lib.fbInfoModelReadXMLFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
    if not lib.fbInfoModelReadXMLFile(model, sys.argv[1].encode(), ctypes.byref(err)):
        sys.exit("could not read " + sys.argv[1])
it = Iter()
lib.fbInfoModelIterInit(ctypes.byref(it), model)
while True:
    p = lib.fbInfoModelIterNext(ctypes.byref(it))
    if not p:
        break
    ie = p.contents
    if ie.ent == 29305 or ie.name is None:
        continue
    sem = (ie.flags >> 8) & 0xff
    unit = (ie.flags >> 16) & 0xffff
    t = TYPES[ie.type] if ie.type < len(TYPES) else str(ie.type)
    print("\t".join([str(ie.ent), str(ie.num), ie.name.decode(), t,
                     SEM[sem] if sem < len(SEM) else str(sem),
                     UNITS[unit] if unit < len(UNITS) else str(unit),
                     "R" if ie.flags & 0x40 else ""]))
sys.stdout.flush()
os._exit(0)  # skip interpreter teardown, which crashes inside glib
