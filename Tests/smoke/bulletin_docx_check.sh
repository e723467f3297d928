#!/usr/bin/env bash
# Checks that the weekly bulletin's DOCX opens in LibreOffice: converts it to PDF headless and
# looks for the bulletin's text in the PDF.
#   Tests/smoke/bulletin_docx_check.sh http://127.0.0.1:PORT   # a server with the demo city (admin / shuhui-admin)
#   Tests/smoke/bulletin_docx_check.sh bulletin.docx           # a file, e.g. from `shuhui report weekly --format docx`
# Installs libreoffice-writer(-nogui) and poppler-utils with apt-get when missing (as root).
set -euo pipefail
target=${1:?usage: bulletin_docx_check.sh SERVER_URL_OR_FILE}
work=$(mktemp -d /tmp/bulletin-docx.XXXXXX)
trap 'rm -rf "$work"' EXIT

need() {
    command -v "$1" > /dev/null 2>&1 && return 0
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq > /dev/null
    shift
    for p in "$@"; do apt-get install -y -qq "$p" > /dev/null 2>&1 && return 0; done
    echo "bulletin_docx_check: cannot install $*" >&2
    exit 1
}
need soffice libreoffice-writer-nogui libreoffice-writer
need pdftotext poppler-utils

docx="$work/bulletin.docx"
case "$target" in
http://* | https://*)
    token=$(curl -fsS -X POST "$target/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d '{"username":"admin","password":"shuhui-admin"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
    id=$(curl -fsS "$target/api/v1/bulletins?kind=weekly&limit=1" -H "Authorization: Bearer $token" \
        | python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(items[0]["id"] if items else "")')
    [ -n "$id" ] || { echo "bulletin_docx_check: the server has no bulletin" >&2; exit 1; }
    curl -fsS "$target/api/v1/bulletins/$id/export?format=docx" -H "Authorization: Bearer $token" -o "$docx"
    ;;
*) cp "$target" "$docx" ;;
esac

# A private profile so a running LibreOffice or a missing HOME does not interfere.
timeout 180 soffice --headless -env:UserInstallation="file://$work/profile" --convert-to pdf --outdir "$work" "$docx" > "$work/convert.log" 2>&1 || {
    cat "$work/convert.log" >&2; echo "bulletin_docx_check: LibreOffice could not convert the DOCX" >&2; exit 1; }
[ -s "$work/bulletin.pdf" ] || { cat "$work/convert.log" >&2; echo "bulletin_docx_check: no PDF" >&2; exit 1; }
pdftotext -layout "$work/bulletin.pdf" "$work/bulletin.txt"
tr -d ' ' < "$work/bulletin.txt" > "$work/compact.txt"
missing=0
for text in 每周通报 面上工作 数据归集和共享情况 存在问题 数据归集情况 数据推送情况 接口调用情况 接口申请未调用情况 页面查询情况 合计 抄送 印发; do
    if ! grep -q "$text" "$work/compact.txt"; then echo "bulletin_docx_check: '$text' not in the PDF" >&2; missing=1; fi
done
pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$work/bulletin.pdf")
[ "$missing" = 0 ] || exit 1
echo "bulletin_docx_check: OK — LibreOffice converted the DOCX to a $pages-page PDF with the bulletin's sections and attachments"
