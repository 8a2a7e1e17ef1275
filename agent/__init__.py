"""LiveKit agent workers: inbound IVR, outbound campaigns, AMD."""
