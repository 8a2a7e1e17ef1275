"""The outbound call: answering-machine detection, the campaign flow, voicemail drops and the record."""
