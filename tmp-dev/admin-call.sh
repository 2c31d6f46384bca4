#!/bin/bash
TOKEN=$(curl -s -X POST http://127.0.0.1:9100/auth/user/emailpass -H 'content-type: application/json' -d '{"email":"admin@dev.test","password":"supersecret"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
curl -s -X "$1" "http://127.0.0.1:9100$2" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' ${3:+-d "$3"}
