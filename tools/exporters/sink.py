#!/usr/bin/env python3
"""A collector that reads export packets and drops them: sink.py ADDRESS PORT.

Without a listening socket the kernel answers each export packet with ICMP port unreachable, and the
exporter's next send() on its connected UDP socket fails with ECONNREFUSED (fprobe then loses a packet
without a word).
"""
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], int(sys.argv[2])))
while True:
    s.recv(65535)
