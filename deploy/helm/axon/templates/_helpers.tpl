{{- define "axon.labels" -}}
app.kubernetes.io/name: axon-controller
app.kubernetes.io/part-of: axon
{{- end }}
{{- define "axon.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}
