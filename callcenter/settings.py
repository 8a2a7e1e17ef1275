"""Process settings, read from the environment (and a `.env` file) with pydantic-settings."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything a worker or the console needs to know about its environment.

    Defaults match `scripts/services.sh`, so a process started on the demo machine needs no
    configuration at all.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "postgresql://postgres@127.0.0.1:54329/postgres"
    db_pool_min: int = 1
    db_pool_max: int = 10
    redis_url: str = "redis://127.0.0.1:63790/0"

    livekit_url: str = "ws://127.0.0.1:7880"
    livekit_api_key: str = "devkey"
    livekit_api_secret: SecretStr = SecretStr("secret-for-local-development-only")

    jwt_secret: SecretStr = SecretStr("dev-only-jwt-secret-change-me-in-production-0123456789")
    jwt_ttl_seconds: int = Field(default=12 * 3600, gt=0)
    jwt_issuer: str = "callcenter"

    openai_api_key: SecretStr | None = None
    speech_backend: Literal["auto", "openai", "local"] = "auto"
    llm_model: str = "gpt-4.1-mini"
    stt_model: str = "gpt-4o-transcribe"
    tts_model: str = "gpt-4o-mini-tts"

    agent_name: str = Field(default="callcenter-agent", description="explicit dispatch name of the agent worker")
    agent_health_port: int = 8081
    agent_health_host: str = "127.0.0.1"
    agent_load_threshold: float = Field(default=0.9, gt=0, description="share of call slots in use at which the worker stops taking calls")
    agent_max_calls: int = Field(default=25, ge=1, description="concurrent calls one agent worker process tree takes")
    agent_idle_processes: int = Field(default=2, ge=0)
    ivr_max_retries: int = Field(default=2, ge=0, le=10)
    ivr_timeout_seconds: float = Field(default=8.0, gt=0)
    ivr_digit_timeout_seconds: float = Field(default=5.0, gt=0, description="pause that ends a keyed number")

    default_region: str = "SA"
    max_upload_bytes: int = 5 * 1024 * 1024
    console_port: int = 8501

    log_level: str = "INFO"
    log_json: bool = False

    @property
    def use_openai(self) -> bool:
        """Whether speech and language go to OpenAI (production) or the local stack."""
        if self.speech_backend == "auto":
            return self.openai_api_key is not None
        return self.speech_backend == "openai"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
